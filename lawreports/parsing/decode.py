"""Bytes to text: pick the encoding whose strict decode reads most like Chinese prose."""

from __future__ import annotations

import codecs
import re

from lawreports.parsing.model import ParseError
from lawreports.parsing.normalise import common_char_ratio

# File signatures of formats that are never report text.
_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP/Office file"),
    (b"\xd0\xcf\x11\xe0", "an old Office (OLE) file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip file"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SAMPLE = 8192
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise ParseError with a reason a person can read."""
    if not data or not data.strip():
        raise ParseError("empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ParseError(f"binary file ({what}), not text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(_strict(data, name), name, data)
    if 0 in data[:_SAMPLE]:
        # NULs: UTF-16 without BOM (ASCII leaves a NUL beside each byte), else binary.
        found = _best(data, ("utf-16-le", "utf-16-be"))
        if found and found[0] > 0.2:
            return _checked(found[2], found[1], data)
        raise ParseError("binary file (contains NUL bytes), not text")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", data)
    candidates = ["gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]  # pure CJK UTF-16 has no NULs
    best = _best(data, candidates)
    if best is None or best[0] < 0.05:
        raise ParseError("cannot decode: not UTF-8, GB18030, Big5 or UTF-16 text")
    return _checked(best[2], best[1], data)


def _best(data: bytes, candidates: list[str] | tuple[str, ...]) -> tuple[float, str, str] | None:
    """(score, encoding, text) of the strict decode that reads most like report prose."""
    best: tuple[float, str, str] | None = None
    for name in candidates:
        text = _strict(data, name)
        if text is None and name == "big5":
            name, text = "big5hkscs", _strict(data, "big5hkscs")
        if text is None:
            continue
        score = common_char_ratio(text[:_SAMPLE])
        if best is None or score > best[0] + 0.02:  # near-ties go to the earlier guess
            best = (score, name, text)
    return best


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str | None, name: str, data: bytes) -> tuple[str, str]:
    if text is None:
        raise ParseError(f"cannot decode: broken {name} text")
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_RE.findall(sample))
    if controls > len(sample) // 10:
        raise ParseError("binary file (mostly control characters), not text")
    return text, name
