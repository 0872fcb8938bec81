"""Exports of any search result, the bulk dump, the feed, the sitemap, the API schema,
and follow-through."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from lawreports.analysis.exporting import REPORT_COLUMNS
from lawreports.browsing import selectors
from lawreports.browsing.params import filter_form

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_csv_export_has_every_page_of_the_result(client, seeded, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 1)
    response = client.get("/export/reports.csv", {"province": "530000", "page": "2"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    assert next(csv.reader(io.StringIO(body(response)))) == [c.label for c in REPORT_COLUMNS]
    coded = client.get("/export/reports.csv", {"province": "530000", "header": "code"})
    rows = list(csv.DictReader(io.StringIO(body(coded))))
    assert {row["title"][:4] for row in rows} == {"蒙自市人", "昭通市人"}
    assert list(rows[0]) == [c.name for c in REPORT_COLUMNS]
    zhaotong = next(row for row in rows if row["title"].startswith("昭通"))
    assert zhaotong["timeliness"] == "on_time" and int(zhaotong["figure_count"]) > 100
    assert zhaotong["url"].startswith("http://testserver/reports/")


def test_exports_follow_search_and_analysis_filters(client, seeded):
    rows = json.loads(body(client.get("/export/reports.json", {"timeliness": "late"})))
    assert [row["title"] for row in rows] == [seeded["003"].title]
    assert rows[0]["missing_parts"] == ["other"] and rows[0]["deadline"] == "2024-03-31"
    searched = json.loads(body(client.get("/export/reports.json", {"q": "行政复议"})))
    listed = client.get(reverse("reports:list"), {"q": "行政复议"}).context["browse"]
    assert len(searched) == listed.count


def test_issue_plan_and_figure_exports(client, seeded):
    issues = list(
        csv.DictReader(
            io.StringIO(body(client.get("/export/issues.csv", {"year": "2022", "header": "code"})))
        )
    )
    assert len(issues) == seeded["000"].issue_count + seeded["001"].issue_count
    assert "法律顾问" in next(i["themes"] for i in issues if "法律顾问" in i["headline"])
    plans = json.loads(body(client.get("/export/plans.json", {"province": "河南省"})))
    assert [p["headline"][:7] for p in plans] == [
        "进一步健全相关",
        "进一步加强执法",
        "进一步加大普法",
    ]
    assert isinstance(plans[0]["themes"], list)
    figures = list(
        csv.DictReader(
            io.StringIO(body(client.get("/export/figures.csv", {"year": "2023", "header": "code"})))
        )
    )
    assert figures and {f["report_id"] for f in figures} == {str(seeded["003"].pk)}
    assert client.get("/export/secrets.csv").status_code == 404


def test_export_links_keep_the_query(client, seeded):
    html = client.get(reverse("reports:list"), {"year": "2022", "q": "法律顾问"}).content.decode()
    assert "/export/reports.csv?year=2022&amp;q=" in html or "/export/reports.csv?q=" in html
    assert "/export/issues.json?" in html and "/feeds/reports.atom?" in html


def test_export_dataset_command(tmp_path, seeded):
    call_command("export_dataset", str(tmp_path), stdout=io.StringIO())
    for table in ("reports", "sections", "issues", "plans", "figures", "themes", "item_themes"):
        assert (tmp_path / f"{table}.csv").exists() and (tmp_path / f"{table}.jsonl").exists()
    lines = (tmp_path / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and {json.loads(line)["year"] for line in lines} == {2020, 2022, 2023}
    sections = list(csv.DictReader((tmp_path / "sections.csv").open(encoding="utf-8")))
    assert len(sections) == sum(r.sections.count() for r in seeded.values())
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "`timeliness`" in readme and "`noun`" in readme and "## item_themes" in readme


def test_atom_feed_follows_the_query(client, seeded):
    response = client.get("/feeds/reports.atom", {"province": "云南省"})
    assert response.status_code == 200 and "atom" in response["Content-Type"]
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = ET.fromstring(response.content).findall("a:entry", ns)
    assert sorted(e.find("a:title", ns).text[:4] for e in entries) == ["昭通市人", "蒙自市人"]
    everything = ET.fromstring(client.get("/feeds/reports.atom").content)
    assert len(everything.findall("a:entry", ns)) == 5


def test_sitemap_lists_reports_regions_and_years(client, seeded):
    xml = client.get("/sitemap.xml").content.decode()
    assert seeded["000"].get_absolute_url() in xml
    assert "/regions/530000/" in xml and "/years/2022/" in xml


def test_openapi_documents_every_parameter_the_api_takes(client, seeded):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/reports"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"in", "page", "sort"} | set(filter_form().base_fields)
    assert {"province", "prefecture", "county", "year", "level", "agency_kind"} <= names
    assert {"timeliness", "missing_part", "issue_theme", "plan_theme", "figures"} <= names
    # the documented result fields are the ones the API returns
    api = client.get("/api/reports", {"timeliness": "late"}).json()
    page = schema["components"]["schemas"]["ReportPage"]
    assert set(page["properties"]) == set(api)
    hit = schema["components"]["schemas"]["ReportHit"]
    assert set(hit["properties"]) == set(api["results"][0])
    documented = set(page["properties"]["facets"]["properties"])
    assert set(api["facets"]) <= documented  # prefecture/county appear on drill-down
    drilled = client.get("/api/reports", {"province": "530000", "prefecture": "530600"}).json()
    assert set(drilled["facets"]) == documented
    assert api["count"] == 1


def test_follow_through_pairs_plans_with_next_years_measures(client, make_report):
    first = make_report(
        year=2021,
        sections=[
            ("achievements", "主要举措", "", [("规范执法", "开展执法检查。")]),
            (
                "plans",
                "下一步计划",
                "",
                [("加大政务公开力度", "全面推进政务公开。"), ("建设智慧法院", "推进。")],
            ),
        ],
    )
    second = make_report(
        year=2022,
        sections=[
            (
                "achievements",
                "主要举措和成效",
                "",
                [("全面推进政务公开", "主动公开信息300条。"), ("严格规范执法", "办理案件。")],
            ),
            ("plans", "下一步计划", "", [("继续推进", "推进。")]),
        ],
    )
    html = client.get(first.get_absolute_url()).content.decode()
    link = reverse("analysis:follow_through", args=[first.agency_id])
    assert link in html and link in client.get(second.get_absolute_url()).content.decode()
    response = client.get(link)
    (pair,) = response.context["pairs"]
    assert (pair.plan_report, pair.next_report) == (first, second)
    by_plan = {row.plan.headline: [s.heading for s, _ in row.matches] for row in pair.rows}
    assert by_plan["加大政务公开力度"][0] == "全面推进政务公开"
    assert by_plan["建设智慧法院"] == []
    assert pair.followed == 1 and "2021年计划 → 2022年成效" in response.content.decode()


def test_follow_through_link_absent_without_neighbouring_years(client, seeded):
    html = client.get(seeded["000"].get_absolute_url()).content.decode()
    assert "/follow-through/" not in html
