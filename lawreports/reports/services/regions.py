"""Region rows: the whole division tree, loaded from the gazetteer's fixture by migration."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, models

from lawreports.parsing.gazetteer import FIXTURES, LEVELS
from lawreports.parsing.model import ParsedReport
from lawreports.parsing.regions import Division, gazetteer
from lawreports.reports.models import Region
from lawreports.reports.services.rows import insert_rows, take_ids


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
    """The parse's division path as rows. The tree is in the database after `migrate`; a
    missing row (a newer gazetteer, a flushed test database) is created."""
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


def path_fields(region: Region | None) -> dict[str, Region | None]:
    """Report.province…township for a division (its ancestors by level)."""
    path: dict[str, Region | None] = dict.fromkeys(LEVELS)
    if region is not None:
        for node in region.ancestors():
            path[node.level] = node
    return path


def fixture_rows(path: Path | None = None) -> list[tuple[str, str, str, str | None]]:
    """(code, name, level, parent code) of every division, parents before children."""
    path = path or Path(os.environ.get("LAWREPORTS_DIVISIONS", FIXTURES / "divisions.tsv.gz"))
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)  # header
        rows = [line.rstrip("\n").split("\t") for line in fh]
    by_code = {code: parent or None for code, _name, _level, parent in rows}

    def depth(code: str) -> int:
        n = 0
        while (code := by_code.get(code)) is not None:
            n += 1
        return n

    return sorted(
        ((code, name, level, parent or None) for code, name, level, parent in rows),
        key=lambda row: (depth(row[0]), row[0]),
    )


def load_division_tree(region_model: type[models.Model] = Region, path: Path | None = None) -> int:
    """Insert every division of the fixture that is not a row yet; returns how many.

    Ids are taken first so a child names its parent before either is written, then all rows
    go in at once: COPY on PostgreSQL (rows.insert_rows), one executemany elsewhere (Django's
    bulk_create makes an instance per row and batches 200 rows a statement on SQLite: 3.7 s
    against 1.0 s for the whole tree). Takes the model so the migration can pass its historical one: only the
    fields Region has had since reports/0001 are written."""
    ids = dict(region_model.objects.values_list("code", "pk"))
    new = [row for row in fixture_rows(path) if row[0] not in ids]  # parents first
    ids.update(zip((row[0] for row in new), take_ids(region_model, len(new)), strict=True))
    columns = ("id", "code", "name", "level", "parent_id")
    rows = [(ids[code], code, name, level, ids.get(parent)) for code, name, level, parent in new]
    if connection.vendor == "postgresql":
        insert_rows(region_model, columns, rows)
    elif rows:
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(region_model._meta.db_table),
            ", ".join(map(quote, columns)),
            ", ".join(["%s"] * len(columns)),
        )
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    return len(new)
