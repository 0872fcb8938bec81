"""Issues and plans: the items of the problems and plans sections.

An item is a numbered sub-heading, an "一是…" clause, a numbered clause inside a
paragraph, a paragraph, or a semicolon-separated sentence, tried in that order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lawreports.parsing.dates import cn_number
from lawreports.parsing.model import ParsedItem, ParsedSection
from lawreports.parsing.outline import match_heading
from lawreports.parsing.vocabulary import INLINE_NUMBER_RE, ITEM_END_RE, ORDINAL_MARKER_RE

_TRIM = " \t,,、.。;;::"
_SEMICOLON_RE = re.compile(r"(?<=[;;])")


def find_section(
    sections: list[ParsedSection], kind: str
) -> tuple[ParsedSection, tuple[int, ...]] | None:
    """The first top section of `kind`, else the first deeper one (document order)."""
    for i, section in enumerate(sections):
        if section.kind == kind:
            return section, (i,)
    for found in _walk(sections, ()):
        if found[0].kind == kind:
            return found
    return None


def _walk(
    sections: list[ParsedSection], path: tuple[int, ...]
) -> Iterator[tuple[ParsedSection, tuple[int, ...]]]:
    for i, section in enumerate(sections):
        yield section, (*path, i)
        yield from _walk(section.children, (*path, i))


def _narrow(
    section: ParsedSection, path: tuple[int, ...], kind: str
) -> tuple[ParsedSection, tuple[int, ...]]:
    """In a two-part section ("问题及下一步打算") go down to the part of `kind`."""
    while section.children and any(c.kind != kind for c in section.children):
        j = next((j for j, c in enumerate(section.children) if c.kind == kind), None)
        if j is None:
            break
        section, path = section.children[j], (*path, j)
    return section, path


def full_text(section: ParsedSection) -> str:
    """Body of a section and of all its descendants, headings included, as written."""
    parts = [section.body] if section.body else []
    for child in section.children:
        parts.append(f"{child.number}{child.heading}")
        parts.append(full_text(child))
    return "\n".join(p for p in parts if p)


def extract_items(sections: list[ParsedSection], kind: str) -> list[ParsedItem]:
    found = find_section(sections, kind)
    if found is None:
        return []
    section, path = _narrow(*found, kind)
    if section.children:
        items = []
        for j, child in enumerate(section.children):
            text = "\n".join(p for p in (child.heading, full_text(child)) if p)
            items.append(ParsedItem(child.heading, text, (*path, j)))
        return items
    return [ParsedItem(h, t, path) for h, t in split_items(section.body)]


def split_items(body: str) -> list[tuple[str, str]]:
    """(headline, text) pairs from an unnumbered section body."""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    while paragraphs and paragraphs[0].rstrip()[-1:] in "::" and len(paragraphs) > 1:
        paragraphs.pop(0)  # "重点做好以下工作:" introduces, it is not an item
    if not paragraphs:
        return []
    text = "\n".join(paragraphs)
    for marker_re in (ORDINAL_MARKER_RE, INLINE_NUMBER_RE):
        spans = _marker_chain(text, marker_re)
        if len(spans) >= 2:
            return [_item(text[start:end], skip=skip) for start, end, skip in spans]
    if len(paragraphs) >= 2:
        return [_item(p, skip=_label_width(p)) for p in paragraphs]
    parts = [p for p in _SEMICOLON_RE.split(paragraphs[0]) if p.strip(_TRIM)]
    return [_item(p, skip=_label_width(p)) for p in parts]


def _marker_chain(text: str, marker_re: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """Spans (start, end, marker width) of the first run of markers numbered 1, 2, 3 …"""
    marks: list[tuple[int, int]] = []
    for m in marker_re.finditer(text):
        raw = next(g for g in m.groups() if g)
        number = int(raw) if raw.isdigit() else cn_number(raw)
        if number == len(marks) + 1:
            marks.append((m.start(), m.end() - m.start()))
        elif number == 1 and len(marks) < 2:
            marks = [(m.start(), m.end() - m.start())]
    if len(marks) < 2:
        return []
    spans = []
    for k, (start, width) in enumerate(marks):
        if k + 1 < len(marks):
            end = marks[k + 1][0]
        else:
            newline = text.find("\n", start)
            end = newline if newline != -1 else len(text)
        spans.append((start, end, width))
    return spans


def _label_width(paragraph: str) -> int:
    """Width of a leading "1." style label the outline did not take as a heading."""
    hm = match_heading(paragraph)
    return hm.start if hm else 0


def _item(text: str, *, skip: int) -> tuple[str, str]:
    text = text.strip()
    content = text[skip:].strip() if skip > 0 else text
    m = ITEM_END_RE.search(content)
    headline = content[: m.start()] if m else content
    return headline.strip(_TRIM), text.rstrip()
