"""Old binary Word (.doc) and WPS (.wps) files: LibreOffice converts them to .docx, which
word.py reads. Without LibreOffice they fail by name, with the way to install it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from lawreports.parsing.documents.word import docx_text
from lawreports.parsing.model import ParseError

INSTALL_HINT = (
    "install LibreOffice so that `soffice` is on PATH "
    "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui)"
)
_TIMEOUT = 120  # seconds; a first start of LibreOffice takes several


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def legacy_text(data: bytes, *, suffix: str) -> str:
    """Text of a .doc or .wps file through `soffice --headless --convert-to docx`."""
    program = soffice()
    if program is None:
        raise ParseError(f"cannot read .{suffix} files without LibreOffice: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="lawreports-") as tmp:
        folder = Path(tmp)
        source = folder / f"report.{suffix}"
        source.write_bytes(data)
        # A private profile: a running LibreOffice or a concurrent conversion cannot block it.
        profile = (folder / "profile").as_uri()
        command = [
            program, f"-env:UserInstallation={profile}", "--headless",
            "--convert-to", "docx", "--outdir", str(folder), str(source),
        ]  # fmt: skip
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ParseError(f"LibreOffice took longer than {_TIMEOUT} s to convert") from exc
        converted = folder / "report.docx"
        if not converted.exists():
            raise ParseError(f"LibreOffice could not convert this .{suffix} file")
        return docx_text(converted.read_bytes())
