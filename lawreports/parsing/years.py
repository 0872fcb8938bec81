"""The year a report covers, and whether that is read or guessed."""

from __future__ import annotations

import re
from collections import Counter

from lawreports.parsing.dates import cn_number
from lawreports.parsing.vocabulary import REPORT_YEAR_RE, YEAR_RE

_CN_YEAR_RE = re.compile(r"([〇○零O一二三四五六七八九]{4})\s*年")
_OPENING_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年")
_PERIOD_RE = re.compile(r"(?:19|20)\d{2}\s*年?\s*[-—–~至－]+\s*(?:19|20)\d{2}\s*年")
_EARLY_MONTHS = 6  # a report dated in the first half year covers the year before
_MIN_YEAR, _MAX_YEAR = 1990, 2100


def _first_year(text: str) -> int | None:
    m = YEAR_RE.search(text)
    if m:
        return int(m[1])
    m = _CN_YEAR_RE.search(text)
    return cn_number(m[1]) if m else None


def _ok(year: int | None) -> int | None:
    return year if year and _MIN_YEAR <= year <= _MAX_YEAR else None


def report_year(
    title: str, opening: str, preamble: str, report_date: str | None, body: str
) -> tuple[int | None, bool]:
    """(year, certain). Title, then the opening sentence ("2022年,…"), then "现将2022年…
    报告如下" are read; the report date and the body's most frequent year are guesses."""
    year = _ok(_first_year(title))
    if year:
        return year, True
    m = _OPENING_YEAR_RE.match(opening)
    if m and _ok(int(m[1])):
        return int(m[1]), True
    m = REPORT_YEAR_RE.search(preamble)
    if m and _ok(int(m[1])):
        return int(m[1]), True
    if report_date:
        y, month = int(report_date[:4]), int(report_date[5:7])
        return (y - 1 if month <= _EARLY_MONTHS else y), False
    # Plan periods (纲要(2021—2025年)) name no report's year.
    counts = Counter(int(y) for y in YEAR_RE.findall(_PERIOD_RE.sub("", body[:3000])))
    if counts:
        return _ok(counts.most_common(1)[0][0]), False
    return None, False
