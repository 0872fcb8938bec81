"""Deterministic agencies placed in real divisions of the gazetteer."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from lawreports.parsing.gazetteer import Division, gazetteer

# How often each level of agency reports (many counties and townships, few provinces).
LEVEL_WEIGHTS = {"province": 2, "prefecture": 14, "county": 58, "township": 26}
KIND_WEIGHTS = {"government": 42, "government_office": 10, "department": 44, "party_committee": 4}
DEPARTMENTS = [
    "司法局",
    "公安局",
    "市场监督管理局",
    "自然资源局",
    "生态环境局",
    "交通运输局",
    "教育局",
    "卫生健康局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "应急管理局",
    "农业农村局",
    "水利局",
    "财政局",
    "民政局",
    "文化和旅游局",
    "城市管理局",
    "商务局",
    "统计局",
    "林业和草原局",
    "医疗保障局",
    "退役军人事务局",
]
PROVINCE_DEPARTMENTS = [
    "司法厅",
    "公安厅",
    "自然资源厅",
    "生态环境厅",
    "交通运输厅",
    "教育厅",
    "卫生健康委员会",
    "市场监督管理局",
    "人力资源和社会保障厅",
    "住房和城乡建设厅",
    "应急管理厅",
    "农业农村厅",
    "水利厅",
    "财政厅",
    "民政厅",
]


@dataclass(frozen=True)
class BenchAgency:
    name: str
    division: Division
    parent: Division | None  # named in the text: the place whose leadership is thanked
    kind: str


@cache
def _divisions() -> dict[str, list[Division]]:
    out: dict[str, list[Division]] = {level: [] for level in LEVEL_WEIGHTS}
    for d in sorted(gazetteer().by_code.values(), key=lambda d: d.code):
        if d.level == "township" and not d.name.endswith(("乡", "镇", "街道")):
            continue  # farms, prisons and zones are not report-writing governments
        if d.level == "county" and d.code[4:5] == "7":
            continue  # development zones
        out[d.level].append(d)
    return out


def _place_name(d: Division) -> str:
    """The division's name, with its parent's in front when the name alone is ambiguous."""
    gaz = gazetteer()
    if d.level in ("county", "township") and len(gaz.lookup(d.name)) > 1 and d.parent_code:
        return gaz.by_code[d.parent_code].name + d.name
    return d.name


def agency(index: int, seed: int) -> BenchAgency:
    """Agency number `index`: the same agency for the same (index, seed), every run."""
    rng = random.Random(seed * 1_000_003 + index)
    level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
    division = rng.choice(_divisions()[level])
    parent = gazetteer().by_code.get(division.parent_code) if division.parent_code else None
    kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
    place = _place_name(division)
    if level == "township":
        office = "办事处" if division.name.endswith("街道") else "人民政府"
        name = place + office if kind != "party_committee" else f"中共{place}委员会"
        kind = "party_committee" if kind == "party_committee" else "government"
    elif kind == "government":
        name = place + "人民政府"
    elif kind == "government_office":
        name = place + "人民政府办公室"
    elif kind == "party_committee":
        name = f"中共{place}委员会全面依法治{place[-1]}委员会办公室"
    else:
        pool = PROVINCE_DEPARTMENTS if level == "province" else DEPARTMENTS
        name = place + rng.choice(pool)
    return BenchAgency(name, division, parent, kind)
