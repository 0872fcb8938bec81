"""PostgreSQL passes a match's ids on as a constant in three forms (index probes, a range
tested against the list, a range minus the holes): all three select the same reports."""

from __future__ import annotations

import pytest

from lawreports.reports.models import Report
from lawreports.search import search_reports, service

QUERIES = [
    "法治政府",
    "行政复议",
    "普法 -疫情",
    "依法行政 OR 营商环境",
    "不存在的词语组合",
    "涉企行政合规 OR 区块链电子存证",  # terms of two-character pieces only
    "习近平法治思想",  # a longer word with two-character ones
    '"政府法律顾问"',
    "法 -执法",  # one character: read from the text
    "行政 法治 -复议 -不存在的词",
    '"市人民政府" 法治',
]


@pytest.fixture
def loaded(db, tmp_path, seeds_dir):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.corpus import write_corpus
    from lawreports.reports.services.loading import load_files, report_files

    raw, _ = write_corpus(40, tmp_path)
    load_files(report_files([seeds_dir, raw]))


def _selected(matched) -> set[int]:
    from django.db.models import F

    from lawreports.search.service import InMatchedIds

    return set(Report.objects.filter(InMatchedIds(F("pk"), matched)).values_list("pk", flat=True))


def _literal(ids: set[int]) -> str:
    return "{" + ",".join(map(str, sorted(ids))) + "}"


@pytest.mark.parametrize("q", QUERIES)
def test_every_form_of_the_id_set_selects_the_same_reports(loaded, postgres_only, monkeypatch, q):
    from django.db import connection
    from django.db.models.expressions import RawSQL

    from lawreports.search.backends import MatchedIds, get_backend
    from lawreports.search.query import parse_query

    backend = get_backend(connection)
    sql, params = backend.match_sql(parse_query(q))
    expected = set(Report.objects.filter(pk__in=RawSQL(sql, params)).values_list("pk", flat=True))
    every = set(Report.objects.values_list("pk", flat=True))
    low, high = min(every), max(every)
    listed = MatchedIds(len(expected), _literal(expected), low, high)
    holes = MatchedIds(len(expected), _literal(every - expected), low, high, dense=True)

    assert _selected(backend.match_ids(parse_query(q))) == expected
    assert _selected(listed) == expected  # index probes
    assert _selected(holes) == expected
    monkeypatch.setattr(service, "PROBE_LIMIT", -1)
    assert _selected(listed) == expected  # the list tested while reading the range
    assert search_reports(q).count == len(expected)


@pytest.mark.parametrize("q", QUERIES)
def test_ranking_from_the_newest_ids_equals_ranking_from_the_whole_set(
    loaded, postgres_only, monkeypatch, q
):
    """Given the filtered ids, the ranking's first statement gets only the newest few; the
    pages must be the ones the whole set gives, on the probe path and on the fallback."""
    import numpy as np
    from django.db import connection

    from lawreports.search.backends import get_backend
    from lawreports.search.backends import postgres as backend_module

    # Small caps so that 45 reports take both paths: 4 candidates, 8 probed.
    monkeypatch.setattr(backend_module, "RANK_CANDIDATES", 4)
    monkeypatch.setattr(backend_module, "HEAD_PROBE", 2)
    result = search_reports(q)
    reports = result.reports.filter(year__gte=2020)
    filtered = reports.order_by().values("pk").query.sql_with_params()
    ids = np.array(sorted(reports.values_list("pk", flat=True)), dtype=np.int64)
    backend = get_backend(connection)
    for offset, limit in [(0, 3), (0, 4), (2, 5), (6, 4)]:
        whole = backend.ranked(filtered, result.parsed, offset, limit)
        assert backend.ranked(filtered, result.parsed, offset, limit, ids=ids) == whole
