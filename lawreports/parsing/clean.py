"""Text to clean lines: stray characters out, web chrome out, PDF-broken lines joined.

Lines travel as two parallel lists: the original script (kept for display) and the
analysis copy (simplified, width-folded) that every decision is made on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lawreports.parsing.page_vocabulary import PINYIN_RE
from lawreports.parsing.vocabulary import CHROME_ANYWHERE_RE, CHROME_AT_START_RE, SENTENCE_END

# Spaces that are not U+0020 (NBSP, ideographic space, thin spaces, tab ...) become one;
# zero-width and bidi marks, BOM, soft hyphen and web glyph junk (□ ■, private-use icons)
# go. One regex pass: most characters need no change, str.translate would visit each.
_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_DROP_RE = re.compile(
    "[\u00ad\u200b-\u200f\u2060\u202a-\u202e\ufeff\ufffc\u25a0\u25a1\ue000-\uf8ff]"
)
_ODD_RE = re.compile(f"{_SPACE_RE.pattern}|{_DROP_RE.pattern}")
_CONTENT_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uff10-\uff19\uff21-\uff5a]")
_CHROME_MAX = 60
_TONE_RE = re.compile("[\u00e0-\u00fc\u0101-\u01dc]")
_LOST_INDENT_RE = re.compile(r"(?m)^[ ?]*\?(?=[\u3400-\u9fff0-9(（“])")


def split_lines(text: str) -> list[str]:
    """Normalise line ends and odd characters; strip each line (blank lines kept as '')."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    if "(" in text and _TONE_RE.search(text):
        text = PINYIN_RE.sub("", text)  # mirrors annotate characters: 區(qū)
    if "?" in text and _LOST_INDENT_RE.search(text):
        text = _LOST_INDENT_RE.sub("", text)  # "??2022年,…": indentation lost in a mirror
    if _ODD_RE.search(text):  # one scan decides whether the two substitutions are needed
        text = _DROP_RE.sub("", _SPACE_RE.sub(" ", text))
    return [line.strip() for line in text.split("\n")]


def has_content(line: str) -> bool:
    """False for separator lines ("-", "***") and leftovers such as "? ?"."""
    return _CONTENT_RE.search(line) is not None


def is_chrome(analysis_line: str) -> bool:
    line = analysis_line
    # CHROME_RE.search, split: anchored patterns tried once, the rest with a fast skip.
    return (
        len(line) <= _CHROME_MAX
        and not line.endswith("。")
        and (CHROME_AT_START_RE.match(line) or CHROME_ANYWHERE_RE.search(line)) is not None
    )


def join_broken_lines(
    lines: list[str],
    analysis: list[str],
    *,
    keep: set[int],
    is_break: Callable[[int], bool],
    min_length: int = 15,
) -> tuple[list[str], list[str]]:
    """Join a line that stops mid-sentence with the next one (PDF extraction).

    `keep` holds indexes never joined (title, signature); `is_break(i)` is True for a
    line that must start fresh (a heading, a date). Blank lines always end a paragraph.
    """
    out: list[str] = []
    out_a: list[str] = []
    joinable = False  # may the previous output line take the current one?
    for i, (line, ana) in enumerate(zip(lines, analysis, strict=True)):
        if not line:
            joinable = False
            continue
        kept = i in keep
        # is_break is the costly part of the loop: asked only when a decision depends on it
        # (None: not asked), which for most lines it does not.
        fresh = is_break(i) if joinable and not kept else None
        joined = joinable and not kept and not fresh
        if joined:
            out[-1] += line
            out_a[-1] += ana
        else:
            out.append(line)
            out_a.append(ana)
        tail = out_a[-1]
        joinable = not kept and len(tail) >= min_length and tail[-1] not in SENTENCE_END
        if joinable and not joined and not _has_body(ana):
            # A bare heading never takes the next line.
            joinable = not (is_break(i) if fresh is None else fresh)
    return out, out_a


def _has_body(heading_line: str) -> bool:
    """A heading line followed on the same line by its first sentence may wrap."""
    return any(c in heading_line[:-1] for c in "。:;")
