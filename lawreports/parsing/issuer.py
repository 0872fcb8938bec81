"""The issuer of a report that has no title naming it: the subject of its opening sentence
(包头市坚持…, 省司法厅紧紧围绕…, 山西省委、省政府坚持…, 现将县人民政府…), or its collective
voice (我市, 全省); abbreviations (省, 区, 我镇) are completed with the place of that level the
text names most.

Everything here works on the analysis copy (simplified, width-folded).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lawreports.parsing import agency as ag
from lawreports.parsing.gazetteer import FORMER, SHORT, gazetteer
from lawreports.parsing.page_vocabulary import (
    ABBREV_LEVELS,
    ADVERBIAL_RE,
    DEPT_WORD_RE,
    FULL_ORG_SUBJECT_RE,
    GOV_WORD_RE,
    JOINT_RE,
    LEADING_TIME_RE,
    NOT_NAME_RE,
    PREDICATE_RE,
    REPORT_OBJECT_RE,
    VOICE_RE,
)
from lawreports.parsing.regions import COMMON_PLACE_WORDS
from lawreports.parsing.vocabulary import SELF_REFERENCES

_OPENING_CHARS = 300
_CLAUSE_RE = re.compile(r"[,,;;::]")
_SENTENCE_RE = re.compile(r"(?<=[。!?])")
_TOWNSHIP_END = ("街道", "镇", "乡", "苏木")
# Levels a division may have for a name ending in each abbreviation.
_LEVELS_FOR = {
    "省": ("province",),
    "自治区": ("province",),
    "市": ("province", "prefecture", "county"),
    "州": ("prefecture",),
    "盟": ("prefecture",),
    "县": ("county",),
    "区": ("county",),
    "旗": ("county",),
    "镇": ("township",),
    "乡": ("township",),
    "街道": ("township",),
}


def place_at(s: str, i: int = 0) -> str | None:
    """The longest division name starting at s[i]: official or former names; a bare short
    form only before a level or government word (山西省委 yes, 资源丰富 no)."""
    gaz = gazetteer()
    for length in range(min(gaz.max_len, len(s) - i), 1, -1):
        name = s[i : i + length]
        entries = gaz.index.get(name)
        if not entries:
            continue
        nxt = s[i + length : i + length + 1]
        for code, kind in entries:
            level = gaz.by_code[code].level
            if level == "township" and not name.endswith(_TOWNSHIP_END):
                continue
            if kind >= FORMER or (kind == SHORT and nxt and nxt in "省市县区旗州盟委政"):
                return name
    return None


def opening_issuer(opening: str, text: str, hints: Sequence[str] = ()) -> tuple[str, bool] | None:
    """(issuer, completed from context) from the first sentences of the report body
    (`opening`, addressee lines left out); `text` is the whole body, for context."""
    opening = "".join(_SENTENCE_RE.split(opening[:_OPENING_CHARS])[:2])
    m = REPORT_OBJECT_RE.search(opening)
    if m and (found := _subject(m[1], text, hints)):
        return found
    for clause in _CLAUSE_RE.split(opening):
        clause = LEADING_TIME_RE.sub("", clause.strip(), count=1)
        if not clause or ADVERBIAL_RE.match(clause):
            continue
        if found := _subject(clause, text, hints):
            return found
    return None


def voice_place(text: str, hints: Sequence[str] = ()) -> str | None:
    """The place whose government speaks as 我市/全省/本区 …, named from the text (weak)."""
    levels = Counter(m[1] for m in VOICE_RE.finditer(text))
    if not levels:
        return None
    return complete_place(levels.most_common(1)[0][0], text, hints)


def _subject(clause: str, text: str, hints: Sequence[str]) -> tuple[str, bool] | None:
    clause = clause.removeprefix("中共")
    completed = False
    place = place_at(clause)
    m = FULL_ORG_SUBJECT_RE.match(clause) if place is None else None
    if m and not NOT_NAME_RE.search(m[1]):
        return m[1], False
    if place is None:
        voice = re.match(r"(?:我|本)(" + "|".join(ABBREV_LEVELS) + ")", clause)
        abbrev = voice or re.match("(" + "|".join(ABBREV_LEVELS) + ")", clause)
        if abbrev is None:
            return None
        rest = clause[abbrev.end() :]
        if not voice and not _org_word(rest) and abbrev[1] != "自治区":
            return None  # a bare 市 or 区 is not a subject (自治区认真落实… is)
        place = complete_place(abbrev[1], text, hints)
        if place is None:
            return None
        completed = True
    else:
        rest = clause[len(place) :]
        if rest[:1] == place[-1] and rest[:1] in "县旗":
            rest = rest[1:]  # 元谋县县卫生健康局: the level written twice (市市场… is not)
    org = _org_word(rest)
    if org is None:
        if rest and not completed and not PREDICATE_RE.match(rest):
            return None  # 嘉定区行政执法监督平台…: the place starts a longer noun
        return canonical_place(place), completed
    return org(place), completed


def _org_word(rest: str):
    """A function naming the organisation after a place, or None when no org word follows."""
    if JOINT_RE.match(rest):
        return canonical_place
    if m := GOV_WORD_RE.match(rest):
        word = m[0]
        if word == "管委会":
            word = "管理委员会"
        return lambda place: _government(place, word)
    m = DEPT_WORD_RE.match(rest)
    if m and not NOT_NAME_RE.search(m[1]):
        return lambda place: ag.canonical_agency(place + m[1])
    return None


def _government(place: str, word: str) -> str:
    if word in ("政府", "人民政府"):
        return canonical_place(place)
    if word.startswith("政府办公"):
        return place + "人民" + word
    return place + word


def canonical_place(place: str) -> str:
    """A place standing for its government: 包头市 -> 包头市人民政府, 荔枝街道 -> 荔枝街道办事处."""
    if place.endswith("街道"):
        return place + "办事处"
    return place + "人民政府"


def complete_place(level: str, text: str, hints: Sequence[str] = ()) -> str | None:
    """The division of this level (省, 市, 区, 镇 …) the text and hints name most, when one
    is clearly ahead."""
    gaz = gazetteer()
    levels = _LEVELS_FOR.get(level, ())
    counts: Counter[str] = Counter()
    for source, weight in ((text, 1), ("\n".join(hints), 2)):
        for code, n in _mentions(source, level, levels).items():
            counts[code] += n * weight
    if not counts:
        return None
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        tied = [c for c, n in ranked if n == ranked[0][1]]
        names = {gaz.by_code[c].name for c in tied}
        if len(names) > 1:
            return None
    return gaz.by_code[ranked[0][0]].name


def _mentions(text: str, level: str, levels: tuple[str, ...]) -> Counter[str]:
    gaz = gazetteer()
    counts: Counter[str] = Counter()
    if not text:
        return counts
    for m in re.finditer(re.escape(level), text):
        end = m.end()
        for length in range(min(12, end), len(level), -1):
            name = text[end - length : end]
            codes = [
                c
                for c, k in gaz.index.get(name, ())
                if k >= FORMER and gaz.by_code[c].level in levels
            ]
            if codes:
                for c in codes:
                    counts[c] += 1
                break
    if "province" in levels:
        # Provinces and cities go by their short names too (对广东…, 考察上海…).
        short_levels = ("province", "prefecture") if level == "市" else ("province",)
        for code, core in _short_named(level, short_levels):
            counts[code] += len(re.findall(re.escape(core) + "(?![市省])", text))
        counts = +counts
    return counts


@dataclass(frozen=True)
class Issuer:
    name: str | None
    inferred: bool  # named from context, not written on the page as the author
    completed: bool  # its place was filled in from the text (省司法厅 + 广东 → 广东省司法厅)
    place: str | None = None  # with no issuer: the place the text speaks for, as a hint


def choose_issuer(
    *,
    title: str,
    signature_orgs: list[str],
    opening: str,
    opening_text: str,
    body: str,
    addressed_to: str | None,
    publisher: str | None,
    hints: Sequence[str],
) -> Issuer:
    """The report's issuer, from the strongest evidence there is: the title, the signature,
    the opening sentence, a department's 我局, the page's publisher, the collective voice."""
    for name in (ag.agency_from_title(title) if title else None, ag.choose_agency(signature_orgs)):
        if name:
            return Issuer(name, False, False)
    if found := opening_issuer(opening_text, body, hints):
        name, completed = found
        return Issuer(name, completed or name not in body, completed)
    name = ag.agency_from_preamble(opening) or ag.agency_from_self_reference(body, addressed_to)
    if name and place_at(name.removeprefix("中共")):  # 市政府办公室 alone names nobody
        return Issuer(name, name not in body, False)
    name = ag.canonical_agency(publisher) if publisher else None
    if name:
        return Issuer(name, True, False)
    place = voice_place(body, hints)
    if any(word in body for word in SELF_REFERENCES):
        # A department (我厅) the text never names: no issuer, but its place (我省 江苏).
        return Issuer(None, False, False, place)
    name = canonical_place(place) if place else None
    return Issuer(name, name is not None, name is not None)


@cache
def _short_named(level: str, levels: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(code, short name) of divisions of these levels whose name ends in `level`, for the
    distinctive short names (广东, 上海, 新疆)."""
    gaz = gazetteer()
    return tuple(
        (code, form)
        for code, d in gaz.by_code.items()
        if d.level in levels and d.name.endswith(level)
        for form, kind in gaz.forms[code]
        if kind == SHORT and form not in COMMON_PLACE_WORDS
    )
