"""Dates as written in reports ("2023年2月6日", "二〇二三年二月六日", "2023-02-07") to ISO."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from lawreports.parsing.vocabulary import CN_DATE_RE, CN_DIGITS, DATE_RE, ISO_DATE_RE

_DATE_ONLY_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零O一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})$"
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=256)  # called on the few numerals of every heading and item marker
def cn_number(text: str) -> int | None:
    """一 .. 九十九 (also 十一, 二十, 三十一) to int."""
    if not text or any(c not in CN_DIGITS for c in text):
        return None
    if "十" not in text:
        value = 0
        for c in text:
            value = value * 10 + CN_DIGITS[c]
        return value
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None  # 十四八, 二三十, 十十: not a numeral a report numbers anything with
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[units] if units else 0)


def parse_date(text: str) -> str | None:
    """The first date in `text` (analysis copy), as ISO, or None."""
    m = DATE_RE.search(text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = ISO_DATE_RE.search(text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    m = CN_DATE_RE.search(text)
    if m:
        year = cn_number(m[1])
        month, day = cn_number(m[2]), cn_number(m[3])
        if year and month and day:
            return _iso(year, month, day)
    return None


def is_date_line(analysis_line: str) -> bool:
    return _DATE_ONLY_RE.match(analysis_line.replace(" ", "")) is not None
