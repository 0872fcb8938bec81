"""`write(docs, fresh=True)` (COPY on PostgreSQL) stores what the normal upsert stores."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from lawreports.search import search_reports
from lawreports.search.backends import get_backend
from lawreports.search.indexing import documents_for
from lawreports.search.models import ReportSearchDocument
from tests.search.conftest import SEEDS, make_report, split_seed

pytestmark = pytest.mark.django_db

QUERIES = [
    "蒙自",
    "法治政府",
    '"市人民政府"',
    "“通市人民”",
    "蒙自 OR 昭通",
    "法治政府 -蒙自",
    "茂名市政府辦公室",
    "“頭雁”",
    "规范性文件 备案审查",
]


@pytest.fixture
def twins():
    """Each seed stored twice: "n…" indexed by the normal path, "f…" written fresh."""
    backend = get_backend()
    fresh_ids = []
    for i, path in enumerate(SEEDS):
        title, sections = split_seed(path.read_text(encoding="utf-8", errors="replace"))
        title = title or path.stem  # the same title for both twins (make_report's is the key)
        make_report(f"n{path.stem}", title, sections, year=2020 + i)
        report = make_report(f"f{path.stem}", title, sections, year=2020 + i)
        fresh_ids.append(report.pk)
    backend.delete(fresh_ids)  # make_report indexed them; fresh means no document yet
    with transaction.atomic():  # as the loader calls it
        backend.write(documents_for(fresh_ids), fresh=True)
    return fresh_ids


def test_fresh_rows_equal_normal_rows(twins):
    columns = "report_id__source_file", "text", "vector", "head"
    rows = {r[0]: r[1:] for r in ReportSearchDocument.objects.values_list(*columns)}
    assert len(rows) == 2 * len(SEEDS)
    for path in SEEDS:
        assert rows[f"f{path.stem}"] == rows[f"n{path.stem}"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the stored tsvectors, as PostgreSQL prints them
            cursor.execute(
                f"SELECT r.source_file, d.vector::text, d.head::text, d.indexed_at IS NOT NULL "
                f"FROM {ReportSearchDocument._meta.db_table} d "
                "JOIN reports_report r ON r.id = d.report_id"
            )
            stored = {name: rest for name, *rest in cursor.fetchall()}
        for path in SEEDS:
            assert stored[f"f{path.stem}"] == stored[f"n{path.stem}"]
            assert stored[f"f{path.stem}"][0]  # a real vector, not empty


@pytest.mark.parametrize("q", QUERIES)
def test_fresh_reports_are_found_like_normal_ones(twins, q):
    result = search_reports(q)
    assert result.message is None
    names = {r.source_file for r in result.reports}
    assert result.count == len(names) > 0
    assert {n[1:] for n in names if n[0] == "f"} == {n[1:] for n in names if n[0] == "n"}
    scores: dict[str, dict[str, float]] = {"f": {}, "n": {}}
    for hit in result.page(0, 2 * len(SEEDS)):
        scores[hit.report.source_file[0]][hit.report.source_file[1:]] = hit.score
    assert scores["f"] == pytest.approx(scores["n"])


def test_fresh_refuses_a_report_that_has_a_document(twins):
    with pytest.raises(IntegrityError), transaction.atomic():
        get_backend().write(documents_for(twins[:1]), fresh=True)
