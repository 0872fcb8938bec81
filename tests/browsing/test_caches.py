"""The caches a process keeps (facet columns, kept matches, report ids) are invalidated by
the data generation; every table they are read from must be watched by it."""

from __future__ import annotations

import pytest
from django.db import connection

from lawreports.browsing import columns, registry
from lawreports.browsing.kinds import Facet
from lawreports.search import generation
from lawreports.search.models import ReportSearchDocument

# Besides the facet columns: kept matches read the search documents, report ids the reports.
SEARCH_TABLES = {ReportSearchDocument._meta.db_table, "reports_report"}


def test_every_table_feeding_the_caches_is_watched():
    feeding = columns.feeding_tables() | SEARCH_TABLES
    assert {"reports_report", "reports_agency", "analysis_reportanalysis"} <= feeding
    assert generation.unwatched(feeding) == set()


def test_a_facet_reading_an_unwatched_table_is_caught(monkeypatch):
    sections = Facet(name="section_kind", label="章节类别", field="sections__kind")
    monkeypatch.setattr(registry, "FACETS", (*registry.FACETS, sections))
    assert generation.unwatched(columns.feeding_tables()) == {"reports_section"}


@pytest.mark.django_db
def test_every_watched_table_carries_the_trigger(postgres_only):
    assert generation.triggered_tables(connection) == set(generation.WATCHED)


@pytest.mark.django_db(transaction=True)
def test_columns_are_kept_until_a_watched_table_changes(postgres_only, seeds_dir):
    from io import StringIO

    from django.core.management import call_command

    from lawreports.reports.models import Agency

    call_command("load_reports", str(seeds_dir), stdout=StringIO())
    kept = columns.current()
    assert columns.current() is kept  # same generation: the same columns
    agency = Agency.objects.filter(kind="government").first()
    Agency.objects.filter(pk=agency.pk).update(kind="department")
    fresh = columns.current()
    assert fresh is not kept and fresh.generation != kept.generation
    kinds = fresh.data["agency_kind"].counts(fresh.all())
    assert (
        kinds.get("department", 0)
        == kept.data["agency_kind"].counts(kept.all()).get("department", 0) + agency.reports.count()
    )
