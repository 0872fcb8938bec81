"""A kept match is served only while the search index is unchanged (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lawreports.search import cache, generation, search_reports
from tests.search.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def keep_every_match(postgres_only, monkeypatch):
    monkeypatch.setattr(cache, "MIN_SECONDS", 0.0)
    cache.clear()
    yield
    cache.clear()


def _generation() -> str:
    return generation.current(connection)


def _count(q: str) -> tuple[int, int]:
    """(matches, match statements run) for one search."""
    with CaptureQueriesContext(connection) as ctx:
        count = search_reports(q).count
    return count, sum("lawreports_search_ids" in q["sql"] for q in ctx.captured_queries)


def test_a_repeated_search_reuses_the_match_until_a_report_is_indexed(keep_every_match):
    make_report("a", "蒙自市法治政府建设年度报告", [("一、工作", "推进政府法律顾问工作。")])
    assert _count('"政府法律顾问"') == (1, 1)
    assert _count('"政府法律顾问"') == (1, 0)  # kept: no match statement

    make_report("b", "昭通市法治政府建设年度报告", [("一、工作", "聘请政府法律顾问。")])
    assert _count('"政府法律顾问"') == (2, 1)  # the index changed: matched again


def test_edits_and_deletes_change_the_generation(keep_every_match):
    report = make_report("a", "蒙自市报告", [("一、工作", "推进政府法律顾问工作。")])
    assert _count("法律顾问")[0] == 1
    before = _generation()
    report.delete()
    assert _generation() != before
    assert _count("法律顾问")[0] == 0


def test_a_rolled_back_generation_is_never_seen_again(keep_every_match):
    start = _generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_report("a", "蒙自市报告", [("一、工作", "推进政府法律顾问工作。")])
        inside = _generation()
        assert _count("法律顾问")[0] == 1  # kept under the transaction's own generation
        raise RuntimeError
    assert _generation() == start
    make_report("b", "昭通市报告", [("一、工作", "没有相关内容。")])
    assert _generation() not in (start, inside)
    assert _count("法律顾问")[0] == 0
