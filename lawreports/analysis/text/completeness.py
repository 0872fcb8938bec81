"""Which of the five parts the 2019 规定 (第二十五条) asks for does a report contain?

A part is found in the outline (a section of that kind or with a telling heading), or only
mentioned in the text, or missing. Input is simplified text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MEASURES, PROBLEMS, LEADERSHIP, PLANS, OTHER = (
    "measures",
    "problems",
    "leadership",
    "plans",
    "other",
)
PARTS = (MEASURES, PROBLEMS, LEADERSHIP, PLANS, OTHER)
PART_LABELS = {
    MEASURES: "主要举措和成效",
    PROBLEMS: "存在的不足和原因",
    LEADERSHIP: "主要负责人履行第一责任人职责",
    PLANS: "下一年度工作计划",
    OTHER: "其他需要报告的事项",
}
IN_OUTLINE, IN_TEXT, MISSING = "outline", "text", ""

# Section.kind values (from the parser) that stand for a part.
_KIND_PART = {
    "achievements": MEASURES,
    "problems": PROBLEMS,
    "leadership": LEADERSHIP,
    "plans": PLANS,
}
_HEADING = {
    MEASURES: re.compile(r"举措|成效|做法|工作情况|推进情况|主要工作|工作开展|进展情况|取得"),
    PROBLEMS: re.compile(r"问题|不足|短板|差距|薄弱"),
    LEADERSHIP: re.compile(r"第一责任人|主要负责人|主要领导|述法|履职情况|履行.{0,12}职责"),
    PLANS: re.compile(r"下一步|下步|下一年|计划|打算|思路|工作安排|工作重点"),
    OTHER: re.compile(r"其他|其它|需要报告|需报告"),
}
# A sentence that gives an account of the leaders' duty, not one that merely names them.
_LEADER = re.compile(
    r"第一责任人|述法|(主要负责人|主要领导|一把手).{0,30}(法治建设|法治政府建设|履行|履职)"
)
_TEXT = {
    MEASURES: re.compile(r"主要举措|取得.{0,6}成效|工作成效"),
    PROBLEMS: re.compile(r"存在.{0,6}(问题|不足)|不足之处|短板|差距"),
    PLANS: re.compile(r"下一步|下步|明年|下一年度"),
    OTHER: re.compile(r"其他需要报告|其它需要报告|需要说明的(其他)?(事项|情况)"),
}
_SENTENCE = re.compile(r"[^。;；!！?？\n]+")


@dataclass(frozen=True)
class OutlineEntry:
    heading: str  # simplified
    kind: str  # Section.kind
    depth: int
    body: str = ""  # simplified


def detect_parts(outline: Iterable[OutlineEntry], preamble: str = "") -> dict[str, str]:
    """part → IN_OUTLINE | IN_TEXT | MISSING."""
    entries = list(outline)
    found = dict.fromkeys(PARTS, MISSING)
    for entry in entries:
        for part in _outline_parts(entry):
            found[part] = IN_OUTLINE
    # Plans promise; only what the report says it did counts as an account of the duty.
    told = [preamble] + [f"{e.heading}。{e.body}" for e in entries if e.kind != "plans"]
    text = "\n".join([preamble] + [f"{e.heading}。{e.body}" for e in entries])
    for part in PARTS:
        if found[part]:
            continue
        if part == LEADERSHIP:
            hit = any(_LEADER.search(s) for chunk in told for s in _SENTENCE.findall(chunk))
        else:
            hit = bool(_TEXT[part].search(text))
        found[part] = IN_TEXT if hit else MISSING
    return found


def _outline_parts(entry: OutlineEntry) -> set[str]:
    parts: set[str] = set()
    if entry.kind in _KIND_PART and entry.depth == 0:
        parts.add(_KIND_PART[entry.kind])
    if entry.kind == "leadership":
        parts.add(LEADERSHIP)  # a leadership subsection counts wherever it sits
    if entry.depth == 0:
        parts |= {
            p for p in (MEASURES, PROBLEMS, PLANS, OTHER) if _HEADING[p].search(entry.heading)
        }
    # The leaders' part is often a subsection of the measures, e.g. (一)认真履行第一责任人职责.
    if entry.kind != "plans" and _HEADING[LEADERSHIP].search(entry.heading):
        parts.add(LEADERSHIP)
    return parts


def missing_parts(found: dict[str, str]) -> list[str]:
    return [part for part in PARTS if not found.get(part)]
