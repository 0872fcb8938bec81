"""Who wrote the report: title line, agency name, its kind, the addressee.

Everything here works on the analysis copy (simplified, width-folded).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lawreports.parsing.outline import match_heading
from lawreports.parsing.page_vocabulary import DEPT_FULL_NAMES
from lawreports.parsing.vocabulary import (
    ADDRESSEE_RE,
    DEPARTMENT_RE,
    GOV_OFFICE_RE,
    GOV_RE,
    ORG_LINE_RE,
    ORG_NAME_RE,
    PARTY_RE,
    PREAMBLE_AGENCY_RE,
    REGION_SUFFIX_RE,
    SELF_REFERENCES,
    SUPERVISOR_CONTEXT_RE,
    TITLE_KIND_RE,
    TITLE_TOPIC_RE,
    ZONE_SUFFIXES,
)

_TITLE_MAX = 70
_TITLE_SCAN = 8  # titles sit among the first few content lines
_TITLE_SCAN_MAX = 30  # … or after a long menu
_TITLE_CUT_RE = re.compile(r"(?:19|20)\d{2}|关于|法治|依法行政|法制|依法治|年度|[〇○零]")
_AFTER_YEAR_RE = re.compile(r"^.*?(?:(?:19|20)\d{2}\s*年度?|关于)\s*")
_NAME_BAD_RE = re.compile(r"[我本在以按照的了对把将为是要从]")
_REGION_MARK_RE = re.compile(r"[省市州盟县区旗乡镇]|街道|自治")
_JOINT_SPLIT_RE = re.compile(r"[\s、,]+")
# Joint issuers printed without a space: 中共某乡党委某乡人民政府.
_JOINT_GLUE_RE = re.compile(
    r"(?:(?<=党委)|(?<=工委)|(?<=[省市县区旗]委)|(?<=委员会))(?!员会)(?=[\u4e00-\u9fff]{2})"
)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_DEPT_ABBREV_RE = re.compile("(?:" + "|".join(DEPT_FULL_NAMES) + ")$")
# The last level word of the place part of a name: 某县某镇人民政府 → 镇. 市 is left out: a
# city may be a province (上海市), a prefecture or a county-level city.
_LEVEL_WORD_RE = re.compile(
    r"^[\u4e00-\u9fff]*?(自治区|自治州|自治县|自治旗|街道|省|州|盟|县|区|旗|镇|乡|苏木)"
    r"(?:人民政府|党委|管理委员会|委员会|街道办事处|办事处|[\u4e00-\u9fff]{0,12}(?:局|厅|委|办公室))$"
)
_LEVEL_OF = {"自治区": "province", "省": "province", "自治州": "prefecture", "州": "prefecture",
             "盟": "prefecture", "自治县": "county", "自治旗": "county", "县": "county",
             "旗": "county", "区": "county", "街道": "township", "镇": "township", "乡": "township",
             "苏木": "township"}  # fmt: skip
_NAV_RE = re.compile(r"->|>|»|→|首页|位置")


def is_title(line: str) -> bool:
    if not line or len(line) > _TITLE_MAX or match_heading(line):
        return False
    if "。" in line or line.endswith(":") or "如下" in line or "现将" in line:
        return False
    if not (TITLE_TOPIC_RE.search(line) and TITLE_KIND_RE.search(line)):
        return False
    # "…2019年度法治政府部门建设工作情况", "…2015年推进依法行政工作情况及2016年工作打算"
    return "报告" in line or _YEAR_RE.search(line) is not None


def find_title(analysis: list[str]) -> tuple[int, int] | None:
    """(first, last) line index of the title among the first content lines: the first few,
    or more while they are short lines of page furniture, not yet the report's prose."""
    seen = 0
    for i, line in enumerate(analysis):
        if not line:
            continue
        if is_title(line):
            return i, i
        nxt = _next_content(analysis, i)
        if nxt is not None and _wrapped_title(line, analysis[nxt]):
            # Joint issuers one per line: 中共某镇委员会 / 某镇人民政府 / 关于…的报告.
            prev = _previous_content(analysis, i)
            if prev is not None and ORG_LINE_RE.match(analysis[prev]) and ORG_LINE_RE.match(line):
                return prev, nxt
            return i, nxt
        seen += 1
        prose = "。" in line or len(line) > _TITLE_MAX or match_heading(line) is not None
        if seen >= _TITLE_SCAN and (prose or seen >= _TITLE_SCAN_MAX):
            break
    return None


def _wrapped_title(line: str, nxt: str) -> bool:
    """A title over two lines: "…关于2022年法治政府建设" + "情况的报告", or the issuer on
    its own line: "某市人民政府关于" + "2023年度法治政府建设情况的报告"."""
    if "。" in line or len(line) + len(nxt) > _TITLE_MAX or not is_title(line + nxt):
        return False
    if TITLE_TOPIC_RE.search(line) and nxt.endswith("报告") and not is_title(nxt):
        return True
    starts = nxt.startswith("关于") or re.match(r"(?:19|20)\d{2}\s*年", nxt) is not None
    return line.endswith("关于") or (starts and ORG_LINE_RE.match(line) is not None)


def _previous_content(lines: list[str], i: int) -> int | None:
    for j in range(i - 1, max(i - 3, -1), -1):
        if lines[j]:
            return j
    return None


def _next_content(lines: list[str], i: int) -> int | None:
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j]:
            return j
    return None


def title_suspect(title: str, agency: str | None) -> bool:
    """A title that looks like navigation (a breadcrumb left in it) or names no issuer."""
    if _NAV_RE.search(title):
        return True
    return agency_from_title(title) is None and not (agency and agency in title)


def level_by_name(name: str | None) -> str | None:
    """The level an issuer's name itself shows (某镇人民政府: township), for when the place
    cannot be found in the gazetteer or is shared by several (下洋镇)."""
    if not name:
        return None
    m = _LEVEL_WORD_RE.match(name.removeprefix("中共"))
    return _LEVEL_OF[m[1]] if m else None


def canonical_agency(name: str) -> str:
    """'茂名市政府办公室' -> '茂名市人民政府办公室'; '某县政府' -> '某县人民政府'."""
    name = re.sub(r"\s+", "", name).strip("《》“”\"'()").replace("县县", "县")
    name = re.sub(r"(?<!人民)政府(?=办|$)", "人民政府", name)
    if (m := _DEPT_ABBREV_RE.search(name)) and m.start() > 0:
        name = name[: m.start()] + DEPT_FULL_NAMES[m[0]]  # 某市市场监管局 → …市场监督管理局
    name = re.sub(r"人民政府办$", "人民政府办公室", name)
    if name.endswith(ZONE_SUFFIXES):
        name += "管理委员会"  # a development zone is run by its management committee
    elif name.endswith("街道"):
        name += "办事处"
    elif REGION_SUFFIX_RE.search(name) and not name.endswith(("社区", "小区")):
        name += "人民政府"  # a bare place name stands for its government
    return name


def agency_kind(name: str | None) -> str | None:
    if not name:
        return None
    if PARTY_RE.search(name):
        return "party_committee"
    if GOV_OFFICE_RE.search(name):
        return "government_office"
    if GOV_RE.search(name):
        return "government"
    if name.endswith(("法院", "检察院", "管理委员会", "管委会")):
        return "other"
    if DEPARTMENT_RE.search(name):
        return "department"
    return "other"


def _plausible(name: str) -> bool:
    core = name.removeprefix("中共")
    return bool(_REGION_MARK_RE.search(core)) and not _NAME_BAD_RE.search(core)


def choose_agency(names: list[str]) -> str | None:
    """Among co-authors ("中共某乡委员会" + "某乡人民政府") the government one."""
    canon = [canonical_agency(n) for n in names if n and _plausible(n)]
    if not canon:
        return None
    for name in canon:
        if agency_kind(name) != "party_committee":
            return name
    return canon[0]


@lru_cache(maxsize=1024)  # asked of the same title by the header, the issuer and the flags
def agency_from_title(title: str) -> str | None:
    title = title.removeprefix("关于")
    rest = _AFTER_YEAR_RE.sub("", title, count=1)
    # The issuer before the year or topic; failing that, right after the year (2020年某区
    # 法治政府建设…: the name stops at 法治, it never takes 法治政府 along).
    name = _issuer_prefix(title) or _issuer_prefix(rest)
    if name:
        return name
    m = ORG_NAME_RE.match(rest)
    if m and TITLE_TOPIC_RE.search(m[1]):
        return None  # 某区法治政府: the topic is not part of a name
    return choose_agency([m[1]]) if m else None


def _issuer_prefix(title: str) -> str | None:
    cut = _TITLE_CUT_RE.search(title)
    prefix = title[: cut.start()] if cut else ""
    prefix = prefix.removesuffix("关于").strip()
    if not prefix:
        return None
    parts = [p for p in _JOINT_SPLIT_RE.split(_JOINT_GLUE_RE.sub(" ", prefix)) if p]
    if all(ORG_LINE_RE.match(p) or REGION_SUFFIX_RE.search(p) for p in parts):
        return choose_agency(parts)
    return None


def signature_agencies(lines: list[str]) -> list[str]:
    return [ln.replace(" ", "") for ln in lines if ORG_LINE_RE.match(ln.replace(" ", ""))]


def agency_from_preamble(preamble: str) -> str | None:
    m = PREAMBLE_AGENCY_RE.match(preamble.strip())
    return choose_agency([m[1]]) if m else None


def addressee(line: str) -> str | None:
    """'荥阳市人民政府:' -> '荥阳市人民政府' (the report is addressed, not published)."""
    m = ADDRESSEE_RE.match(line.strip())
    return canonical_agency(m[1]) if m else None


def agency_from_self_reference(text: str, addressed_to: str | None) -> str | None:
    """A department calling itself "我局": find its name ("荥阳市科工信局") in the text."""
    refs = Counter({s: text.count(w) for w, s in SELF_REFERENCES.items() if w in text})
    if not refs:
        return None
    suffix = refs.most_common(1)[0][0]
    place = ""
    if addressed_to:
        place = re.sub(r"(人民政府|政府|党委|委员会)$", "", addressed_to)
    if place:
        stem, level = re.escape(place[:-1]), re.escape(place[-1])
    else:
        stem, level = "(?!)", "[市县区旗]"
    pattern = re.compile(rf"({stem})?({level})([\u4e00-\u9fff]{{1,8}}?){re.escape(suffix)}")
    scores: Counter[tuple[str, str]] = Counter()
    for m in pattern.finditer(text):
        core = m[3]
        if _NAME_BAD_RE.search(core) or SUPERVISOR_CONTEXT_RE.match(text[m.end() :]):
            continue
        scores[(m[2], core)] += 2 if m[1] else 1
    if not scores:
        return None
    level_char, core = scores.most_common(1)[0][0]
    return f"{place or level_char}{core}{suffix}"
