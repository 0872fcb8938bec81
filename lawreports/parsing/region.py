"""The parser's door to lawreports.parsing.regions (written separately; guarded import)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

try:
    from lawreports.parsing.regions import resolve_region
except ImportError:  # the gazetteer half may be missing in a partial checkout
    resolve_region = None

LEVELS_DEEPEST_FIRST = ("township", "county", "prefecture", "province")


@dataclass(frozen=True)
class Region:
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    township: str | None = None
    region_code: str | None = None
    township_code: str | None = None
    level: str | None = None
    inferred: bool = False  # placed by guess (see regions.RegionMatch.inferred)


def available() -> bool:
    return resolve_region is not None


def resolve(agency: str | None, text: str, hints: Sequence[str]) -> Region:
    """Region of the agency; the report's level is the deepest division resolved."""
    if resolve_region is None or not (agency or text):
        return Region()
    m = resolve_region(agency, text, hints=tuple(hints))
    if m is None:
        return Region()
    names = {lv: getattr(m, lv, None) for lv in LEVELS_DEEPEST_FIRST}
    level = next((lv for lv in LEVELS_DEEPEST_FIRST if names[lv]), None)
    return Region(
        province=m.province,
        prefecture=m.prefecture,
        county=m.county,
        township=m.township,
        region_code=m.region_code,
        township_code=m.township_code,
        level=level,
        inferred=m.inferred,
    )
