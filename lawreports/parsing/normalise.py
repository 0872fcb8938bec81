"""The analysis copy (simplified, full-width ASCII folded) and script detection."""

from __future__ import annotations

import re

import opencc

from lawreports.parsing.vocabulary import COMMON_CHARS, DAMAGE_RE

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")
_COMMON = frozenset(COMMON_CHARS) | frozenset(_S2T.convert(COMMON_CHARS))
# Full-width ASCII (！..～) to ASCII; 1:1 so offsets stay aligned with the original.
# A regex touches only those characters (str.translate looks up every character).
_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e]")
CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _unfold(m: re.Match[str]) -> str:
    return chr(ord(m[0]) - 0xFEE0)


def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def analysis_copy(text: str) -> str:
    """Simplified and width-folded; same number of lines as `text`."""
    return _FULL_WIDTH_RE.sub(_unfold, _T2S.convert(text))


def fold_width(text: str) -> str:
    return _FULL_WIDTH_RE.sub(_unfold, text)


def analysis_lines(lines: list[str]) -> list[str]:
    """Convert many lines in one OpenCC call (per-call overhead dominates short lines)."""
    joined = analysis_copy("\n".join(lines)).split("\n")
    if len(joined) == len(lines):
        return joined
    return [analysis_copy(line) for line in lines]


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def common_char_ratio(text: str) -> float:
    """Share of non-ASCII characters that are frequent report characters (either script)."""
    wide = [c for c in text if c > "\x7f" and not c.isspace()]
    if not wide:
        return 0.0
    return sum(1 for c in wide if c in _COMMON) / len(wide)


def count_cjk(text: str) -> int:
    return len(CJK_RE.findall(text))


def detect_script(original: str) -> str:
    """ "traditional" when a meaningful share of CJK characters change under t2s."""
    changed = 0
    for line in original.split("\n"):
        simplified = _T2S.convert(line) if CJK_RE.search(line) else line
        if simplified != line:  # most lines of a simplified text stop here
            changed += sum(1 for a, b in zip(line, simplified, strict=False) if a != b)
    cjk = count_cjk(original)
    return "traditional" if cjk and changed >= 5 and changed / cjk > 0.04 else "simplified"


def has_encoding_damage(text: str) -> bool:
    return DAMAGE_RE.search(text) is not None
