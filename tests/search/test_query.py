from __future__ import annotations

import pytest

from lawreports.search.query import SearchQueryError, parse_query


def shape(q: str) -> list[list[tuple[bool, list[str]]]]:
    return [
        [(t.negated, [p.text for p in t.pieces]) for t in c.terms] for c in parse_query(q).clauses
    ]


def test_words_phrases_or_and_minus():
    assert shape("法治政府建设 “市人民政府” -行政复议 a OR b") == [
        [(False, ["法治政府建设"])],  # one term, as written: not its words apart
        [(False, ["市人民政府"])],
        [(True, ["行政复议"])],
        [(False, ["a"]), (False, ["b"])],
    ]


def test_quotes_of_both_kinds_and_unbalanced():
    assert shape('"双随机、一公开"') == [[(False, ["双随机、一公开"])]]
    assert shape("「法律 顾问」") == [[(False, ["法律顾问"])]]
    assert shape('法治 "依法 行政') == [[(False, ["法治"])], [(False, ["依法行政"])]]


def test_traditional_and_full_width_are_normalised():
    assert shape("規範性文件 ＡＢＣ") == [[(False, ["规范性文件"])], [(False, ["abc"])]]


def test_stray_operators_are_ignored():
    assert shape("OR 法治 OR OR") == [[(False, ["法治"])]]
    assert shape("法治 OR -复议") == [[(False, ["法治"])], [(True, ["复议"])]]
    assert shape("&法治|!") == [[(False, ["法治"])]]
    assert parse_query("").empty and parse_query(" \u3000 ").empty


@pytest.mark.parametrize(
    "q, fragment",
    [("，。！", "没有可检索"), ("-法治", "至少"), ("法" * 300, "过长"), ("a " * 25, "过多")],
)
def test_unusable(q, fragment):
    with pytest.raises(SearchQueryError) as info:
        parse_query(q)
    assert fragment in info.value.message
