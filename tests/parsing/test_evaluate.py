"""python -m lawreports.parsing.evaluate on a tiny labelled folder written here."""

from __future__ import annotations

import json

import pytest

from lawreports.parsing.evaluate import FIELDS, load_labels, main, score

PAGE = """五华区人民政府2022年法治政府建设情况报告
发布时间:2023-03-15
2022年,五华区人民政府深入学习贯彻习近平法治思想,全面推进依法行政,现将有关情况报告如下。
一、主要举措和成效
全面落实行政执法三项制度,规范行政执法行为,全年办理行政复议案件四十件。
二、存在的问题
基层法治力量仍然薄弱。
三、下一步工作安排
持续加强法治队伍建设。
五华区人民政府
2023年3月10日
"""
# No title, no stamp: the first page's text without its first two lines.
UNTITLED = "\n".join(PAGE.splitlines()[2:]) + "\n"

GOOD = {
    "title": "五华区人民政府2022年法治政府建设情况报告",
    "agency": "五华区人民政府",
    "agency_kind": "government",
    "level": "county",
    "province": "云南省",
    "prefecture": "昆明市",
    "county": "五华区",
    "township": None,
    "year": 2022,
    "published_on": "2023-03-15",
    "script": "simplified",
}


def _folder(tmp_path, labels):
    (tmp_path / "p1.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "p2.txt").write_text(UNTITLED, encoding="utf-8")
    path = tmp_path / "labels.jsonl"
    path.write_text(
        "".join(json.dumps(lb, ensure_ascii=False) + "\n" for lb in labels), encoding="utf-8"
    )
    return path


def _labels():
    p1 = {"id": "p1", "split": "dev", **GOOD}
    # p2 has no title (null: not scored) and no stamp (null: the parser must say None);
    # its year is deliberately mislabelled so one field is wrong.
    p2 = {"id": "p2", "split": "holdout", **GOOD, "title": None, "published_on": None}
    p2["year"] = 2021
    return [p1, p2]


def test_scores_each_labelled_field(tmp_path):
    path = _folder(tmp_path, _labels())
    outcomes, missing = score(tmp_path, load_labels([path]))
    assert not missing
    by_page = {pid: [o for o in outcomes if o.id == pid] for pid in ("p1", "p2")}
    assert [o.field for o in by_page["p1"]] == list(FIELDS)
    # The null title is not scored; the null published_on is, and the parser gives None.
    assert "title" not in {o.field for o in by_page["p2"]}
    stamp = next(o for o in by_page["p2"] if o.field == "published_on")
    assert stamp.got is None and stamp.ok
    wrong = [(o.id, o.field, o.expected, o.got) for o in outcomes if not o.ok]
    assert wrong == [("p2", "year", 2021, 2022)]


def test_a_null_label_the_parser_fills_is_wrong(tmp_path):
    labels = _labels()
    labels[0]["published_on"] = None  # p1 has a stamp: claiming it has none must fail
    path = _folder(tmp_path, labels)
    outcomes, _ = score(tmp_path, load_labels([path]))
    stamp = next(o for o in outcomes if o.id == "p1" and o.field == "published_on")
    assert stamp.got == "2023-03-15" and not stamp.ok


def test_command_prints_table_per_split_and_errors(tmp_path, capsys):
    path = _folder(tmp_path, _labels())
    assert main([str(tmp_path), str(path), "--errors"]) == 0
    out = capsys.readouterr().out
    header, *rows = out.split("\n\n")[0].splitlines()
    assert "dev (1 pages)" in header and "holdout (1 pages)" in header
    assert "all (2 pages)" in header
    year = next(r for r in rows if r.startswith("year"))
    assert "100.0%    1/1" in year and "0.0%    0/1" in year and "50.0%    1/2" in year
    overall = next(r for r in rows if r.startswith("ALL FIELDS"))
    assert "20/21" in overall  # 11 + 10 scored fields, one wrong
    assert "p2\tyear\texpected 2021\tgot 2022" in out


def test_split_option_and_missing_pages(tmp_path, capsys):
    labels = [*_labels(), {"id": "p3", "split": "dev", **GOOD}]
    path = _folder(tmp_path, labels)
    main([str(tmp_path), str(path), "--split", "dev"])
    out = capsys.readouterr().out
    assert "holdout (0 pages)" in out and "dev (1 pages)" in out
    assert "without text: p3" in out


@pytest.mark.parametrize("text", ["", "only ascii"])
def test_unparseable_page_counts_every_field_wrong(tmp_path, text):
    labels = [{"id": "bad", "split": "dev", **GOOD}]
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "l.jsonl"
    path.write_text(json.dumps(labels[0], ensure_ascii=False), encoding="utf-8")
    outcomes, _ = score(tmp_path, load_labels([path]))
    assert outcomes and not any(o.ok for o in outcomes)


@pytest.mark.parametrize(
    ("label", "parsed", "same"),
    [
        ("北京市西城区司法局", "西城区司法局", True),  # the parent spelled out or not
        ("重庆市江津区四屏镇人民政府", "四屏镇人民政府", True),
        ("金平苗族瑶族傣族自治县人民政府", "金平县人民政府", True),  # official short form
        ("上海市浦东新区人民政府", "上海市人民政府", False),  # another body
        ("龙湖区教育局", "龙湖区人民政府", False),
        ("深圳市交通运输局龙岗管理局", "市交通运输局", False),
    ],
)
def test_agencies_compare_by_what_they_name(label, parsed, same):
    from lawreports.parsing.evaluate import Outcome

    assert Outcome("x", "dev", "agency", label, parsed).ok is same
