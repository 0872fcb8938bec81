"""Region rows, created from the gazetteer on demand: only divisions that have reports exist."""

from __future__ import annotations

from dataclasses import dataclass

from lawreports.parsing.model import ParsedReport
from lawreports.parsing.regions import Division, gazetteer
from lawreports.reports.models import Region


@dataclass
class RegionPath:
    province: Region | None = None
    prefecture: Region | None = None
    county: Region | None = None
    township: Region | None = None

    @property
    def deepest(self) -> Region | None:
        return self.township or self.county or self.prefecture or self.province


def division_chain(code: str | None) -> tuple[Division, ...]:
    """The gazetteer's divisions from the province down to `code` (empty when unknown)."""
    if not code or gazetteer().get(code) is None:
        return ()
    return gazetteer().chain(code)


def ensure_region_path(parsed: ParsedReport) -> RegionPath:
    path = RegionPath()
    parent: Region | None = None
    for division in division_chain(parsed.township_code or parsed.region_code):
        region, _ = Region.objects.get_or_create(
            code=division.code,
            defaults={"name": division.name, "level": division.level, "parent": parent},
        )
        setattr(path, division.level, region)
        parent = region
    return path
