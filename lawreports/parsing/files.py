"""Reading a report file from disk: regular files only, and never more than a cap."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from lawreports.parsing.documents import MAX_DOCUMENT_BYTES
from lawreports.parsing.model import ParseError


def read_report_file(path: str | Path, *, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The file's bytes; ParseError for anything but a regular file (a FIFO would block, a
    device such as /dev/zero never ends) and for more than `limit` bytes, whatever its
    size claims to be (the loader's own per-format limits check the size first)."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ParseError(f"not a regular file ({_kind(mode)})")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise ParseError(f"cannot read file: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise ParseError(f"file too large (more than {limit} bytes)")
    return data


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a file"
