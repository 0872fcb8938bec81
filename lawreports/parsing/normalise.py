"""The analysis copy (simplified, full-width ASCII folded) and script detection."""

from __future__ import annotations

import re
from operator import ne

import opencc

from lawreports.parsing.vocabulary import COMMON_CHARS, DAMAGE_RE

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")
_COMMON = frozenset(COMMON_CHARS) | frozenset(_S2T.convert(COMMON_CHARS))
# Full-width ASCII (！..～) to ASCII; 1:1 so offsets stay aligned with the original.
# A regex touches only those characters (str.translate looks up every character).
_FULL_WIDTH_RE = re.compile("[\uff01-\uff5e]")
CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# Counting characters by the length of runs: findall on single characters builds one string
# per character, runs are few in Chinese prose.
_CJK_RUN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
# Non-ASCII whitespace (re's \s is str.isspace): with ASCII, what common_char_ratio skips.
_WIDE_SPACE_RE = re.compile(r"[^\S\x00-\x7f]")
_COMMON_RUN_RE = re.compile(
    "[" + "".join(re.escape(c) for c in sorted(_COMMON) if c > "\x7f" and not c.isspace()) + "]+"
)
# Every DAMAGE_RE alternative starts with one of these characters, or (a CJK character
# before "?") one position before a "?": only those positions need trying.
_DAMAGE_CHARS = "\ufffd?锟烫屯ÃÂåæçèéä"
_DAMAGE_START_RE = re.compile(f"[{_DAMAGE_CHARS}]")


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
    return simplified_and_analysis_lines(lines)[1]


def simplified_and_analysis_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """`to_simplified` and `analysis_copy` of each line, from one OpenCC call."""
    converted = _T2S.convert("\n".join(lines))
    simplified = converted.split("\n")
    if len(simplified) == len(lines):
        # Folding is 1:1 and leaves newlines alone: one pass serves every line.
        return simplified, fold_width(converted).split("\n")
    simplified = [_T2S.convert(line) for line in lines]
    return simplified, [fold_width(line) for line in simplified]


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def common_char_ratio(text: str) -> float:
    """Share of non-ASCII characters that are frequent report characters (either script)."""
    wide = _wide_count(text)
    if not wide:
        return 0.0
    return sum(map(len, _COMMON_RUN_RE.findall(text))) / wide


def common_char_ratio_at_least(text: str, bound: float) -> bool:
    """common_char_ratio(text) >= bound, counting common characters only until it is sure
    (a partial count over the same denominator never exceeds the full one)."""
    wide = _wide_count(text)
    if not wide:
        return bound <= 0.0  # the ratio is 0.0
    common = 0
    for m in _COMMON_RUN_RE.finditer(text):
        common += m.end() - m.start()
        if common / wide >= bound:
            return True
    return common / wide >= bound


def _wide_count(text: str) -> int:
    """Characters that are neither ASCII nor whitespace (encoding drops the non-ASCII)."""
    ascii_count = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_count - len(_WIDE_SPACE_RE.findall(text))


def count_cjk(text: str) -> int:
    return sum(map(len, _CJK_RUN_RE.findall(text)))


def has_cjk_count(text: str, minimum: int) -> bool:
    """count_cjk(text) >= minimum, reading only as far as needed."""
    if minimum <= 0:
        return True
    found = 0
    for m in _CJK_RUN_RE.finditer(text):
        found += m.end() - m.start()
        if found >= minimum:
            return True
    return False


def detect_script(original: str) -> str:
    """ "traditional" when a meaningful share of CJK characters change under t2s."""
    return detect_script_lines(original.split("\n"), {})


def detect_script_lines(lines: list[str], simplified: dict[str, str]) -> str:
    """`detect_script` of the lines joined by newlines (lines hold none), with `to_simplified`
    results already known (line -> simplified) reused instead of converted again."""
    missing = [line for line in dict.fromkeys(lines) if line not in simplified]
    missing = [line for line in missing if CJK_RE.search(line)]  # the rest count as unchanged
    if missing:
        converted = _T2S.convert("\n".join(missing)).split("\n")
        if len(converted) != len(missing):
            converted = [_T2S.convert(line) for line in missing]
        simplified = simplified | dict(zip(missing, converted, strict=True))
    changed = 0
    for line in lines:
        simple = simplified.get(line, line)
        if simple != line and CJK_RE.search(line):
            changed += sum(map(ne, line, simple))  # position by position, as zip pairs them
    if changed < 5:
        return "simplified"
    cjk = count_cjk("\n".join(lines))
    return "traditional" if cjk and changed / cjk > 0.04 else "simplified"


def has_encoding_damage(text: str) -> bool:
    """DAMAGE_RE.search(text), trying the pattern only where a match can start."""
    if not any(c in text for c in _DAMAGE_CHARS):  # str.find per character: the fast "no"
        return False
    for m in _DAMAGE_START_RE.finditer(text):
        at = m.start()
        if DAMAGE_RE.match(text, at) or (at and m[0] == "?" and DAMAGE_RE.match(text, at - 1)):
            return True
    return False
