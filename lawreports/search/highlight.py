"""Snippets with <mark>: found on the normalised copy, cut and escaped on the original.

normalize() maps one character to one character, so a match at [i, j) in the normalised copy
is [i, j) in the original; whitespace is skipped through an index map so phrases that wrap a
line still highlight. Text is escaped piece by piece and only our own <mark> tags are added.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lawreports.search import segmentation

SNIPPET_CHARS = 120
LEAD_CHARS = 30  # context kept before the first match
_SPACE = re.compile(r"\s")  # what str.split() drops (segmentation.squeeze)


def find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Merged [start, end) spans of the original text where any needle occurs."""
    normalised = segmentation.normalize(text)
    if len(normalised) != len(text):  # cannot happen with a 1:1 map; stay safe anyway
        return []
    squeezed = segmentation.squeeze(normalised)
    found = []  # (start, end) in the squeezed text
    for needle in needles:
        if not needle:
            continue
        start = squeezed.find(needle)
        while start != -1:
            end = start + len(needle)
            found.append((start, end))
            start = squeezed.find(needle, end)
    if not found:  # most sections of a page's reports: skip the whitespace map
        return []
    # Whitespace before each squeezed position: the k-th whitespace character sits after
    # `shifts[k]` others, so a squeezed position p lies bisect_right(shifts, p) to the left.
    shifts = [m.start() - k for k, m in enumerate(_SPACE.finditer(normalised))]
    spans = []
    for start, end in found:
        first = start + bisect_right(shifts, start) if shifts else start
        last = end - 1 + bisect_right(shifts, end - 1) if shifts else end - 1
        spans.append((first, last + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    out, pos = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out += [escape(text[pos:s]), "<mark>", escape(text[s:e]), "</mark>"]
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, needles: Iterable[str]) -> SafeString:
    """The whole text, escaped, with every occurrence marked (titles, headings)."""
    return mark_safe(_marked(text, find_spans(text, needles), 0, len(text)))


def snippet(
    text: str, needles: Iterable[str], width: int = SNIPPET_CHARS
) -> tuple[SafeString, int]:
    """About `width` characters around the first match, and how many matches were found."""
    spans = find_spans(text, needles)
    start = 0
    if spans and spans[0][0] > LEAD_CHARS:
        start = spans[0][0] - LEAD_CHARS
    start = max(0, min(start, len(text) - width))
    end = min(len(text), start + width)
    html = _marked(text, spans, start, end)
    html = ("…" if start > 0 else "") + html + ("…" if end < len(text) else "")
    return mark_safe(html), len(spans)


def numbered_marks(text: str, needles: Iterable[str], first: int) -> tuple[SafeString, int]:
    """The whole text, escaped, every match marked and numbered from `first` (for a page's
    next/previous control); a match that wraps a line is marked on each line (paragraph and
    <br> markup never cuts a <mark>). Returns the HTML and the number of matches."""
    spans = find_spans(text, needles)
    out, pos = [], 0
    for number, (start, end) in enumerate(spans, start=first):
        pieces = [m.span() for m in _LINE.finditer(text, start, end)]
        for k, (s, e) in enumerate(pieces):
            anchor = f' id="hit-{number}"' if k == 0 else ""
            out += [escape(text[pos:s]), f'<mark class="hit"{anchor} data-hit="{number}">']
            out += [escape(text[s:e]), "</mark>"]
            pos = e
    out.append(escape(text[pos:]))
    return mark_safe("".join(out)), len(spans)


_LINE = re.compile(r"[^\r\n]+")
