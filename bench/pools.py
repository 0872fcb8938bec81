"""Sentence pools harvested from the seed reports with the real parser, per section kind.

Seed-specific place names become `{place}` so generated reports name their own region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc

from lawreports.parsing import ParsedSection, parse_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Longest first: 红河哈尼族彝族自治州 before 红河.
SEED_PLACES = sorted(
    [
        "红河哈尼族彝族自治州",
        "红河州",
        "蒙自市",
        "蒙自",
        "土城子乡",
        "奈曼旗",
        "通辽市",
        "昭通市",
        "昭通",
        "荥阳市",
        "荥阳",
        "茂名市",
        "茂名",
        "郑州市",
        "郑州",
        "云南省",
        "河南省",
        "广东省",
        "内蒙古自治区",
    ],
    key=len,
    reverse=True,
)
_PLACE_RE = re.compile("|".join(SEED_PLACES))
_SENTENCE_RE = re.compile(r"[^。！？；]+[。！？；]?")
_LEADING_ENUM = re.compile(r"^[一二三四五六七八九十]+是")


@dataclass
class Topic:
    heading: str
    sentences: list[str] = field(default_factory=list)


@dataclass
class Pools:
    achievements: list[Topic]
    problems: list[Topic]
    plans: list[Topic]
    sentences: list[str]  # every achievements sentence, for mixing across topics


def _sentences(body: str) -> list[str]:
    out = []
    for raw in _SENTENCE_RE.findall(body.replace("\n", "")):
        s = _LEADING_ENUM.sub("", raw.strip())
        if 12 <= len(s) <= 260:
            out.append(_PLACE_RE.sub("{place}", s))
    return out


def _leaves(sections: list[ParsedSection]) -> list[ParsedSection]:
    out = []
    for s in sections:
        if s.children:
            out += _leaves(s.children)
        else:
            out.append(s)
    return out


@cache
def pools() -> Pools:
    t2s = opencc.OpenCC("t2s")
    by_kind: dict[str, list[Topic]] = {"achievements": [], "problems": [], "plans": []}
    for path in sorted(SEEDS.glob("*.txt")):
        parsed = parse_file(path)
        for top in parsed.sections:
            kind = top.kind if top.kind in by_kind else "achievements"
            for leaf in _leaves([top]):
                heading = _PLACE_RE.sub("{place}", t2s.convert(leaf.heading)).strip("。；;")
                topic = Topic(heading, _sentences(t2s.convert(leaf.body)))
                generic = re.search(r"\d|^存在问题$|工作不足$", heading)
                if topic.sentences and 4 <= len(heading) <= 40 and not generic:
                    by_kind[kind].append(topic)
    every = [s for t in by_kind["achievements"] for s in t.sentences]
    return Pools(by_kind["achievements"], by_kind["problems"], by_kind["plans"], every)
