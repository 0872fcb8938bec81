"""Numbered headings into a section tree, and each section's kind.

Heading styles nest by the order they first appear under a parent, but a numbered line
only becomes a heading when its number continues (or starts) a sequence at that place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from lawreports.parsing.dates import cn_number
from lawreports.parsing.model import ParsedSection
from lawreports.parsing.normalise import analysis_copy, analysis_lines
from lawreports.parsing.vocabulary import (
    ACHIEVEMENTS_RE,
    CIRCLED,
    CN_NUM,
    HEADING_END_RE,
    HEADING_PATTERNS,
    LEADERSHIP_RE,
    PLANS_RE,
    PROBLEMS_RE,
)

STYLE_RANK = {style: rank for rank, (style, _) in enumerate(HEADING_PATTERNS)}
_MAX_SKIP = 2  # a sibling may skip one number (typos), not more

# The characters each style's pattern can start with; "arabic" starts with \d, which is
# str.isdecimal. A line is tried only against the styles its first character allows (in
# HEADING_PATTERNS order): most lines start with none of them and need no regex at all.
_STYLE_STARTS = {"part": "第", "cn": CN_NUM, "cn_paren": "(（", "arabic": "",
                 "arabic_paren": "(（", "circled": CIRCLED}  # fmt: skip
_DECIMAL_STYLES = tuple((s, p) for s, p in HEADING_PATTERNS if s == "arabic")


def _styles_by_start() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    table: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
    for style, pattern in HEADING_PATTERNS:
        for start in _STYLE_STARTS[style]:
            table[start] = (*table.get(start, ()), (style, pattern))
    return table


_STYLES_BY_START = _styles_by_start()


class HeadingMatch(NamedTuple):  # a tuple: built for every heading line, several times
    style: str
    number: int
    label: str  # "一", "(一)", "1", "(1)", "第一部分", "①"
    heading: str  # without the number, before the first sentence end
    rest: str  # body text on the same line
    start: int  # offset of the text after the number label


def _label(style: str, raw: str) -> str:
    if style in ("cn_paren", "arabic_paren"):
        return f"({raw})"
    if style == "part":
        return f"第{raw}部分"
    return raw


def split_heading(text: str) -> tuple[str, str]:
    """'统筹推进法治政府建设。一是…' -> ('统筹推进法治政府建设', '一是…')."""
    m = HEADING_END_RE.search(text)
    if not m:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def match_heading(line: str) -> HeadingMatch | None:
    if not line:
        return None
    styles = _STYLES_BY_START.get(line[0]) or (_DECIMAL_STYLES if line[0].isdecimal() else ())
    for style, pattern in styles:
        m = pattern.match(line)
        if not m:
            continue
        raw = m[1]
        if style.startswith("arabic"):
            number = int(raw)
        elif style == "circled":
            number = CIRCLED.index(raw) + 1
        else:
            number = cn_number(raw) or 0
        heading, rest = split_heading(m[2])
        if number < 1 or not heading:
            return None
        return HeadingMatch(style, number, _label(style, raw), heading, rest, m.start(2))
    return None


@dataclass
class _Open:
    style: str
    last: int
    section: ParsedSection
    body: list[str]


def build_outline(lines: list[str]) -> tuple[list[str], list[ParsedSection]]:
    """(preamble lines, top-level sections) from clean lines in the original script."""
    preamble: list[str] = []
    tops: list[ParsedSection] = []
    stack: list[_Open] = []
    bodies: list[tuple[ParsedSection, list[str]]] = []

    for line in lines:
        hm = match_heading(line)
        depth = _place(stack, hm) if hm else None
        if hm is None or depth is None:
            (stack[-1].body if stack else preamble).append(line)
            continue
        del stack[depth:]
        section = ParsedSection(number=hm.label, heading=hm.heading)
        (stack[-1].section.children if stack else tops).append(section)
        body = [hm.rest] if hm.rest else []
        stack.append(_Open(hm.style, hm.number, section, body))
        bodies.append((section, body))

    for section, body in bodies:
        section.body = "\n".join(body)
    classify_sections(tops)
    return preamble, tops


def _place(stack: list[_Open], hm: HeadingMatch) -> int | None:
    """Stack depth the heading opens at, or None when it is body text."""
    for depth, entry in enumerate(stack):
        if entry.style == hm.style:
            fits = entry.last < hm.number <= entry.last + _MAX_SKIP or hm.number == 1
            return depth if fits else None
    if hm.number != 1:
        return None
    rank = STYLE_RANK[hm.style]
    depth = len(stack)
    while depth and STYLE_RANK[stack[depth - 1].style] >= rank:
        depth -= 1
    return depth


def section_kind(heading: str) -> str:
    """Kind of a section from its heading (any script)."""
    return _kind(analysis_copy(heading))


def _kind(text: str) -> str:
    if LEADERSHIP_RE.search(text):
        return "leadership"
    if PROBLEMS_RE.search(text):
        return "problems"
    if PLANS_RE.search(text):
        return "plans"
    if ACHIEVEMENTS_RE.search(text):
        return "achievements"
    return "other"


def _is_mixed(text: str) -> bool:
    return bool(PROBLEMS_RE.search(text) and PLANS_RE.search(text))


def classify_sections(sections: list[ParsedSection], inherited: str | None = None) -> None:
    """Top sections by their heading; children inherit unless the parent said nothing
    ("other") or named two parts at once ("问题及下一步打算")."""
    headings = list(dict.fromkeys(_headings(sections)))
    # All headings' analysis copies in one OpenCC call instead of two calls per section.
    _classify(sections, inherited, dict(zip(headings, analysis_lines(headings), strict=True)))


def _headings(sections: list[ParsedSection]) -> Iterator[str]:
    for section in sections:
        yield section.heading
        yield from _headings(section.children)


def _classify(sections: list[ParsedSection], inherited: str | None, ana: dict[str, str]) -> None:
    for section in sections:
        section.kind = inherited or _kind(ana[section.heading])
        open_children = inherited is None and (
            section.kind == "other" or _is_mixed(ana[section.heading])
        )
        _classify(section.children, None if open_children else section.kind, ana)
