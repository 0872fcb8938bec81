"""Exports at any size: a fixed number of queries, no report texts, parts with a link onward,
Chinese headers, names by the search, cells a spreadsheet cannot run."""

import csv
import io
import json
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lawreports.analysis import exporting
from lawreports.analysis.dataset import write_dataset
from lawreports.analysis.exporting import ISSUE_COLUMNS, spreadsheet_safe

pytestmark = pytest.mark.django_db

WEB = [f"/export/{table}.{fmt}" for table in exporting.WEB_TABLES for fmt in ("csv", "json")]


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content).decode("utf-8-sig")


def make_reports(make_report, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        make_report(
            agency=f"测试{n}县人民政府",
            year=2020 + n % 3,
            sections=[
                ("achievements", "主要举措", "", [("规范执法", f"开展执法检查{n}次。")]),
                (
                    "problems",
                    "存在问题",
                    "",
                    [("行政执法不够规范", "执法人员不足。"), ("法律顾问作用不够", "。")],
                ),
                ("plans", "下一步计划", "", [("加强行政复议工作", "推进复议。")]),
            ],
        )


def queries_for(client, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        body(client.get(url))
    return len(captured), [q["sql"] for q in captured.captured_queries]


def test_every_export_costs_the_same_queries_at_any_size(client, make_report, monkeypatch):
    monkeypatch.setattr(exporting, "BATCH", 2)  # many chunks, so chunking would show
    make_reports(make_report, 3)
    small = {url: queries_for(client, url)[0] for url in WEB}
    make_reports(make_report, 27, start=3)
    large = {url: queries_for(client, url)[0] for url in WEB}
    assert large == small
    # the filters' columns and theme bits (read per request on SQLite; on PostgreSQL read by
    # the first request after a write, with the data generation, then kept), whether more
    # rows exist, theme order, the rows
    assert max(large.values()) <= 6
    rows = json.loads(body(client.get("/export/issues.json")))
    assert len(rows) == 60  # the larger export really has every row


def test_export_rows_never_read_a_reports_texts(client, make_report):
    make_reports(make_report, 2)
    for url in WEB:
        for sql in queries_for(client, url)[1]:
            for column in ("original_text", "body_text", "preamble"):
                assert column not in sql, (url, column)


def test_a_large_export_comes_in_parts_that_link_onward(client, make_report, settings):
    make_reports(make_report, 5)  # 10 issues
    settings.EXPORT_MAX_ROWS = 4
    whole, part, url = [], 1, "/export/issues.json?year=2021"
    while url:
        response = client.get(url)
        whole += json.loads(body(response))
        assert response["X-Export-Part"] == str(part)
        links = dict(
            (rel.split('"')[1], target.strip(" <>"))
            for target, rel in (link.split(";", 1) for link in response["Link"].split(", "))
        )
        assert links["alternate"] == "/data/"  # the full dataset
        url, part = links.get("next"), part + 1
        assert (url is None) == (response["X-Export-Complete"] == "true")
    settings.EXPORT_MAX_ROWS = 1000
    everything = json.loads(body(client.get("/export/issues.json?year=2021")))
    assert len(everything) == 4 and whole == everything and part == 2
    all_issues = json.loads(body(client.get("/export/issues.json")))
    settings.EXPORT_MAX_ROWS = 3
    pieces = [json.loads(body(client.get(f"/export/issues.json?part={p}"))) for p in (1, 2, 3, 4)]
    assert [len(p) for p in pieces] == [3, 3, 3, 1] and sum(pieces, []) == all_issues
    assert json.loads(body(client.get("/export/issues.json?part=x"))) == pieces[0]


def test_csv_headers_are_chinese_and_json_keys_are_codes(client, make_report):
    make_reports(make_report, 1)
    lines = list(csv.reader(io.StringIO(body(client.get("/export/issues.csv")))))
    assert lines[0] == [c.label for c in ISSUE_COLUMNS]
    assert {"要点", "全文", "所属报告编号"} & set(lines[0]) == {"要点", "全文"}
    coded = list(csv.reader(io.StringIO(body(client.get("/export/issues.csv?header=code")))))
    assert coded[0] == [c.name for c in ISSUE_COLUMNS] and coded[1:] == lines[1:]
    (first, *_) = json.loads(body(client.get("/export/issues.json")))
    assert list(first) == [c.name for c in ISSUE_COLUMNS]


def test_files_are_named_by_the_search(client, seeded):
    response = client.get("/export/reports.csv", {"province": "云南省", "year": "2022"})
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "filename*=UTF-8''" + "reports-%E4%BA%91%E5%8D%97%E7%9C%81-2022.csv" in disposition
    assert 'filename="reports-2022.csv"' in disposition  # the ASCII fallback
    by_code = client.get("/export/issues.json", {"province": "530000", "level": "county"})
    name = unquote(by_code["Content-Disposition"].split("''")[1])
    assert name == "issues-云南省-县级.json"
    searched = client.get("/export/plans.csv", {"q": '行政复议 "a/b"', "year": "x"})
    assert unquote(searched["Content-Disposition"].split("''")[1]) == "plans-行政复议_a_b.csv"
    plain = client.get("/export/figures.csv")
    assert plain["Content-Disposition"] == 'attachment; filename="figures.csv"'


FORMULAS = ['=HYPERLINK("http://x","点此")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "＝1+1"]


def test_cells_a_spreadsheet_would_run_are_neutralised(client, make_report, tmp_path):
    make_report(
        agency="=cmd|'/C calc'!A0",
        sections=[("problems", "存在问题", "", [(text, "正文") for text in FORMULAS])],
    )
    issues = list(csv.DictReader(io.StringIO(body(client.get("/export/issues.csv?header=code")))))
    headlines = [row["headline"] for row in issues]
    assert headlines == ["'" + text for text in FORMULAS]
    assert {row["agency"] for row in issues} == {"'=cmd|'/C calc'!A0"}
    # JSON keeps the text as written
    raw = [row["headline"] for row in json.loads(body(client.get("/export/issues.json")))]
    assert raw == FORMULAS
    # so does every CSV of the dataset dump
    write_dataset(tmp_path)
    for name in ("issues.csv", "reports.csv", "sections.csv"):
        for row in csv.reader((tmp_path / name).open(encoding="utf-8")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "＝")), (name, cell)


def test_plain_numbers_stay_numbers():
    assert [spreadsheet_safe(v) for v in ("-3.5", "+12", "-1e3", "3-2", "−2")] == [
        "-3.5",
        "+12",
        "-1e3",
        "3-2",
        "−2",
    ]
    assert spreadsheet_safe("-3-2") == "'-3-2" and spreadsheet_safe("@") == "'@"
