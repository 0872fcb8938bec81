"""Text built to trip the parser's patterns still parses (parse speed is measured in bench/)."""

from __future__ import annotations

from lawreports.parsing import parse_bytes
from lawreports.parsing.dates import cn_number


def test_long_runs_of_markers_parse():
    # Once took seconds of regex backtracking; a regression would hang this test.
    nasty = ("一、" + "法" * 5000 + "\n") * 3 + "(一)" + "、" * 20000 + "\n" + "1." * 5000
    parsed = parse_bytes(
        ("2022年,某县人民政府推进法治政府建设。\n" + nasty).encode(), filename="n.txt"
    )
    assert parsed.year == 2022
    assert [s.heading[:3] for s in parsed.sections][:3] == ["法法法"] * 3


def test_malformed_chinese_numerals_are_not_numbers():
    assert [cn_number(x) for x in ("十四八", "二三十", "十十", "四八")] == [None, None, None, 48]
    text = "2022年,某县人民政府推进法治政府建设。\n十四八、加强领导\n一、主要举措\n推进依法行政。\n"
    parsed = parse_bytes(text.encode(), filename="numerals.txt")  # raised KeyError before
    assert "主要举措" in [s.heading for s in parsed.sections]
