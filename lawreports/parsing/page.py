"""The top of a web page before the report: breadcrumbs, site widgets, banners glued to the
title, the publication stamp in its many forms, a title printed twice.

Runs on the parallel line lists (original script, analysis copy) before roles are split;
lines it drops become blank so nothing joins across them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from lawreports.parsing.agency import agency_from_title, find_title, is_title
from lawreports.parsing.dates import parse_date
from lawreports.parsing.issuer import place_at
from lawreports.parsing.outline import match_heading
from lawreports.parsing.page_vocabulary import (
    BANNER_END_RE,
    BARE_STAMP_RE,
    BULLET_RE,
    CLOCK_RE,
    CRUMB_SEP_RE,
    CRUMB_WORD_RE,
    DOC_NO_PREFIX_RE,
    HEADER_SCAN,
    PROSE_MIN,
    PROSE_RE,
    STAMP_RE,
    TABLE_BAR_RE,
    TIMED_DATE_RE,
    TITLE_BRACKET_RE,
    TITLE_DATE_RE,
    TITLE_LABEL_RE,
    TITLE_SITE_RE,
)
from lawreports.parsing.vocabulary import ADDRESSEE_RE, METADATA_KEY_RE

_TITLE_MAX = 70
_ORG_END_RE = re.compile(r"(?:局|厅|委|办|政府|院|会|处|中心|所|站|队)$")
_CRUMB_MAX = 120
_TAG_RE = re.compile(r"</?[A-Za-z]")
_SEP_CHAR_RE = re.compile(r"[>»→›≫]")
_UNLIST_STARTS = frozenset("•·▪◆●-*标信文名")  # first characters BULLET_RE, TITLE_LABEL_RE need
_YEAR_AT_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_NOT_IN_TITLE_RE = re.compile(r"[,,;;:《》“”。|>]|星期")


@dataclass
class Header:
    published_on: str | None = None
    doc_no: str | None = None


def prepare_header(lines: list[str], ana: list[str]) -> str | None:
    """In place, on the first lines: list bullets and table bars out, a 标题: label off its
    title, breadcrumbs blank or reduced to the title glued to their end. Runs before metadata
    and chrome lines are dropped (which would take a title on such a line along)."""
    content = list(islice((i for i, a in enumerate(ana) if a), HEADER_SCAN))
    for i in content:
        if len(ana[i]) <= _CRUMB_MAX:  # header furniture is short; prose is left alone
            _unlist(lines, ana, i)
        if _is_breadcrumb(ana[i]):
            _keep_part(lines, ana, i, _trailing_title(CRUMB_SEP_RE.split(ana[i])[-1]))
    return _first_stamp([ana[i] for i in content])


def _unlist(lines: list[str], ana: list[str], i: int) -> None:
    """Line i without list bullets, table bars or a 标题: label (both copies alike)."""
    a = ana[i]
    if a[:1] not in _UNLIST_STARTS and "|" not in a and "丨" not in a:
        return
    for pattern, repl in ((BULLET_RE, ""), (TABLE_BAR_RE, " "), (TITLE_LABEL_RE, "")):
        if pattern is TABLE_BAR_RE and "|" not in ana[i] and "丨" not in ana[i]:
            continue
        if pattern is TABLE_BAR_RE or pattern.match(ana[i]):
            ana[i] = pattern.sub(repl, ana[i]).strip()
            lines[i] = pattern.sub(repl, lines[i]).strip()


def _first_stamp(top: list[str]) -> str | None:
    """The publication stamp among the top lines, before the report's prose: one with its
    key (发布时间:, 时间:…), else a date with a time of day (2020-03-18 09:54 来源:…)."""
    timed, titled = None, False
    for a in top:
        if titled and _is_prose(a):
            break
        titled = titled or is_title(a)
        if CLOCK_RE.search(a):
            continue
        if m := STAMP_RE.search(a):
            return parse_date(m[1])
        if timed is None and (m := TIMED_DATE_RE.search(a)):
            timed = parse_date(m[1])
    return timed


def _is_prose(a: str) -> bool:
    return (
        bool(match_heading(a))
        or a.endswith("。")
        or (len(a) >= PROSE_MIN and PROSE_RE.search(a) is not None and not METADATA_KEY_RE.match(a))
    )


def tidy_header(lines: list[str], ana: list[str]) -> tuple[list[str], list[str], Header]:
    """Lines with the page header cleaned, and what the header said. Runs after metadata
    and chrome lines were blanked."""
    header = Header()
    lines, ana = _split_glued_title(lines, ana)
    found = find_title(ana)
    first_end = found[1] if found else -1  # a date under any title copy is the stamp
    if found and agency_from_title("".join(ana[found[0] : found[1] + 1])) is None:
        # "2023年…报告" printed first, "某局" + the title again below: take the named one.
        later = find_title([""] * (found[1] + 1) + ana[found[1] + 1 : found[1] + 8])
        if later and agency_from_title("".join(ana[later[0] : later[1] + 1])):
            found = later
    title_end = found[1] if found else -1
    end = _body_start(ana, title_end)
    for i in range(end):
        a = ana[i]
        if not a or (found and found[0] <= i <= found[1]):
            continue
        if header.published_on is None and i > first_end >= 0 and not CLOCK_RE.search(a):
            m = BARE_STAMP_RE.match(a)
            header.published_on = parse_date(m[1]) if m else None
        if i < title_end and (m := DOC_NO_PREFIX_RE.match(a)) and m.end() == len(a):
            header.doc_no = m[1]
        keep = ADDRESSEE_RE.match(a) or METADATA_KEY_RE.match(a)
        if not keep or is_title(a):
            lines[i] = ana[i] = ""
    if found:
        _strip_title_prefix(lines, ana, found[0], header)
        _strip_title_suffix(lines, ana, found[1], header)
    return lines, ana, header


def _is_breadcrumb(a: str) -> bool:
    if not _SEP_CHAR_RE.search(a):
        return False  # the usual case, decided without the costlier checks
    if len(a) > _CRUMB_MAX or PROSE_RE.search(a) or match_heading(a) or _TAG_RE.search(a):
        return False  # prose quoting 《…<…>的通知》, a heading, markup shown as text
    seps = len(CRUMB_SEP_RE.findall(a))
    return seps >= 1 and (CRUMB_WORD_RE.search(a) is not None or seps >= 2)


def _trailing_title(segment: str) -> tuple[int, int] | None:
    """(start, end) of a title at the end of a breadcrumb's last segment (通知公告某区…报告)."""
    for start in range(len(segment)):
        if _starts_title(segment, start) and is_title(segment[start:]):
            return start, len(segment)
    return None


def _starts_title(s: str, at: int) -> bool:
    """Does a title (issuer, 中共, 关于 or the year) begin at s[at]?"""
    return (
        s.startswith(("中共", "关于"), at)
        or _YEAR_AT_RE.match(s, at) is not None
        or place_at(s, at) is not None
    )


def _keep_part(lines: list[str], ana: list[str], i: int, span: tuple[int, int] | None) -> None:
    """Keep only ana[i][span] of line i (the same span of the original when aligned)."""
    if span is None or len(lines[i]) != len(ana[i]):
        lines[i] = ana[i] = ""
        return
    offset = len(ana[i]) - len(CRUMB_SEP_RE.split(ana[i])[-1])
    start, end = span[0] + offset, span[1] + offset
    lines[i], ana[i] = lines[i][start:end].strip(), ana[i][start:end].strip()


def _split_glued_title(lines: list[str], ana: list[str]) -> tuple[list[str], list[str]]:
    """A title sharing its line with a banner before it or the body after it: split it out."""
    content = list(islice((i for i, a in enumerate(ana) if a), 4))
    for i in content:
        a = ana[i]
        if is_title(a) or len(lines[i]) != len(a):
            continue
        span = _title_inside(a)
        if span is None:
            continue
        start, end = span
        new_lines = [lines[i][start:end].strip(), lines[i][end:].strip()]
        new_ana = [a[start:end].strip(), a[end:].strip()]
        return lines[:i] + new_lines + lines[i + 1 :], ana[:i] + new_ana + ana[i + 1 :]
    return lines, ana


def _title_inside(a: str) -> tuple[int, int] | None:
    at = a.find("报告")
    while 0 <= at < _TITLE_MAX + 40:
        end = at + 2
        banner = [m.end() for m in BANNER_END_RE.finditer(a, 0, end)]
        for start in [0, *banner]:
            title = a[start:end]
            if (
                len(title) <= _TITLE_MAX
                and not _NOT_IN_TITLE_RE.search(title)
                and _starts_title(a, start)
                and is_title(title)
            ):
                return start, end
        at = a.find("报告", end)
    return None


def _body_start(ana: list[str], title_end: int) -> int:
    """Index of the first line of the report proper (after the title, if one was found)."""
    for i in range(title_end + 1, len(ana)):
        a = ana[i]
        if not a or METADATA_KEY_RE.match(a) or STAMP_RE.search(a):
            continue
        if match_heading(a) or a.endswith("。") or (len(a) >= PROSE_MIN and PROSE_RE.search(a)):
            return i
    return len(ana)


def _strip_title_prefix(lines: list[str], ana: list[str], i: int, header: Header) -> None:
    """Before the title: a document number (某卫〔2024〕3号《…》, [天政发〔2026〕7号]) belongs
    to doc_no; a column label (【省政府法治建设报告】) or a menu word glued on goes."""
    if len(lines[i]) != len(ana[i]):
        return
    m = DOC_NO_PREFIX_RE.match(ana[i]) or TITLE_BRACKET_RE.match(ana[i])
    if m:
        header.doc_no = header.doc_no or m[1]
    cut = m.end() if m else _glued_menu_word(ana[i])
    if cut:
        lines[i], ana[i] = lines[i][cut:].strip("《》 "), ana[i][cut:].strip("《》 ")


def _glued_menu_word(a: str) -> int:
    """Length of a menu word glued before the issuer (法治政府建设云南省人民政府关于…)."""
    if _starts_title(a, 0):
        return 0
    for start in range(1, min(len(a), 12)):
        if (a.startswith("中共", start) or place_at(a, start)) and is_title(a[start:]):
            return 0 if _ORG_END_RE.search(a[:start]) else start
    return 0


def _strip_title_suffix(lines: list[str], ana: list[str], i: int, header: Header) -> None:
    """After the title: the site's name (…报告_某区人民政府门户网站) or the stamp's date."""
    if len(lines[i]) != len(ana[i]):
        return
    a = ana[i]
    if m := TITLE_DATE_RE.search(a):
        header.published_on = header.published_on or parse_date(m[1])
        a = a[: m.start()]
    if (m := TITLE_SITE_RE.search(a)) and is_title(a[: m.start()]):
        a = a[: m.start()]
    if len(a) < len(ana[i]):
        lines[i], ana[i] = lines[i][: len(a)].strip(), a.strip()
