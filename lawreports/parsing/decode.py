"""Bytes to text: pick the encoding whose strict decode reads most like Chinese prose."""

from __future__ import annotations

import codecs
import re

from lawreports.parsing.model import ParseError
from lawreports.parsing.normalise import common_char_ratio, common_char_ratio_at_least

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
_MIN_SCORE = 0.05  # below this share of common characters a decoding is not Chinese text
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Every byte but those control characters. In each encoding tried here a control character
# is encoded with its own byte value among its bytes, so bytes without any decode to text
# without any (bytes.translate is a C loop; the regex a slower one).
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL_RE.match(chr(b)))
_MAX_CHAR_BYTES = 4  # the sample's characters come from the first 4 * _SAMPLE (+ BOM) bytes


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
        found = _best(_decodings(data, ("utf-16-le", "utf-16-be")))
        if found and found[0] > 0.2:
            return _checked(found[2], found[1], data)
        raise ParseError("binary file (contains NUL bytes), not text")
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", data)
    candidates = ["gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]  # pure CJK UTF-16 has no NULs
    found = _readable(_decodings(data, candidates))
    if found is None:
        raise ParseError("cannot decode: not UTF-8, GB18030, Big5 or UTF-16 text")
    return _checked(found[1], found[0], data)


def _readable(decoded: list[tuple[str, str]]) -> tuple[str, str] | None:
    """(encoding, text) that reads most like report prose, if it reads enough like it."""
    if len(decoded) == 1:
        # A lone decoding has no rival: its score need only reach the threshold.
        text = decoded[0][1]
        return decoded[0] if common_char_ratio_at_least(text[:_SAMPLE], _MIN_SCORE) else None
    best = _best(decoded)
    return (best[1], best[2]) if best and best[0] >= _MIN_SCORE else None


def _decodings(data: bytes, candidates: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(encoding, text) of each candidate that decodes strictly, in order."""
    decoded = []
    for name in candidates:
        text = _strict(data, name)
        if text is None and name == "big5":
            name, text = "big5hkscs", _strict(data, "big5hkscs")
        if text is not None:
            decoded.append((name, text))
    return decoded


def _best(decoded: list[tuple[str, str]]) -> tuple[float, str, str] | None:
    """(score, encoding, text) of the decoding that reads most like report prose."""
    best: tuple[float, str, str] | None = None
    for name, text in decoded:
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
    head = data[: _MAX_CHAR_BYTES * (_SAMPLE + 1)]
    controls = len(_CONTROL_RE.findall(sample)) if head.translate(None, _NOT_CONTROL_BYTES) else 0
    if controls > len(sample) // 10:
        raise ParseError("binary file (mostly control characters), not text")
    return text, name
