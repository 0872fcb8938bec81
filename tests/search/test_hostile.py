"""Any text typed into the box gives results or a message, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lawreports.search import search_reports
from tests.search.conftest import make_report

pytestmark = pytest.mark.django_db

ALPHABET = st.sampled_from(list("法治政府建設行政复议 \"“”「」-－OR&|!():*'\\%_<>\x00\t，。、a1"))
hostile = st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=40))


@pytest.fixture
def corpus(db):
    make_report("h1", "法治政府建设报告", [("一、行政复议", "依法行政，“法治” 'quoted' 100%_x")])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=hostile)
@example(q='"')
@example(q="“法治")
@example(q="\x00法治\x00")
@example(q="OR")
@example(q="- -- ---")
@example(q="法" * 256)
@example(q="'\\' & | ! ( ) : *")
@example(q='"*" NEAR(法治) {title}:法治 ^法治')
def test_any_query_gives_results_or_a_message(corpus, q):
    result = search_reports(q)
    assert result.count >= 0
    hits = result.page(0, 5)
    for hit in hits:
        for s in hit.sections:
            assert "<script" not in s.snippet_html
    if result.message is not None:
        assert result.count == 0 and hits == []
    for order in ("date", "bogus"):
        search_reports(q, order=order).page(0, 2)  # type: ignore[arg-type]
