"""What a researcher sees: several values of one facet OR together, facets AND, year ranges,
the agency filter and page, values that cannot apply answered with a message."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _files(response) -> set[str]:
    return {row.report.source_file[:3] for row in response.context["browse"].rows}


def test_two_provinces_combine_with_or_and_a_level_with_and(client, seeded):
    both = client.get("/reports/?province=云南省&province=河南省")
    assert _files(both) == {"000", "002", "003"}
    html = both.content.decode()
    assert "省份：云南省或河南省" in html  # the heading names the filters in force
    assert html.count("移除条件 省份") == 2
    provinces = {v.label: (v.count, v.selected) for v in both.context["browse"].facets["province"]}
    # disjunctive: the other provinces stay offered with the counts they would add
    assert provinces["广东省"] == (1, False) and provinces["云南省"] == (2, True)

    narrowed = client.get("/reports/?province=530000&province=410000&level=county")
    assert _files(narrowed) == {"000", "003"}
    assert client.get("/api/reports?province=云南省&province=河南省").json()["count"] == 3


def test_a_value_link_adds_to_the_chosen_values_and_a_chosen_one_removes_itself(client, seeded):
    response = client.get("/reports/?province=530000")
    province = {v.label: v for v in response.context["browse"].facets["province"]}
    html = response.content.decode()
    assert 'href="/reports/?province=530000&amp;province=410000"' in html
    assert 'href="/reports/" aria-label="取消筛选 省份：云南省"' in html
    assert province["河南省"].selected is False


def test_year_ranges_and_several_years(client, seeded):
    assert _files(client.get("/reports/", {"year_from": "2021"})) == {"000", "001", "003"}
    assert _files(client.get("/reports/", {"year_from": "2020", "year_to": "2020"})) == {
        "002",
        "004",
    }
    assert _files(client.get("/reports/?year=2020&year=2023")) == {"002", "003", "004"}
    page = client.get("/reports/", {"year_from": "2021", "year_to": "2022"}).content.decode()
    assert "年度：2021–2022年" in page and 'name="year_from"' in page and 'value="2021"' in page
    api = client.get("/api/reports", {"year_to": "2020"}).json()
    assert api["count"] == 2 and api["filters"]["year"] == {
        "values": [], "labels": [], "from": None, "to": 2020,
    }  # fmt: skip


@pytest.mark.parametrize(
    "params, words",
    [
        ({"year": "abc"}, ["年度", "abc"]),
        ({"level": "foo"}, ["层级", "foo"]),
        ({"province": "不存在省"}, ["不存在省"]),
        ({"agency": "999999"}, ["999999"]),
        ({"year_from": "2023", "year_to": "2020"}, ["2023", "2020"]),
        ({"issue_theme": "没有这个主题"}, ["没有这个主题"]),
        ({"year": "99999999999999999999"}, ["99999999999999999999"]),
        ({"agency": "abc", "min_figures": "2.5"}, ["abc", "2.5"]),
    ],
)
def test_a_value_that_cannot_apply_gets_a_message_and_no_chip(client, seeded, params, words):
    page = client.get(reverse("reports:list"), params)
    assert _files(page) == {"000", "001", "002", "003", "004"}  # not applied
    assert page.context["chips"] == [] and page.context["filter_count"] == 0
    message = page.context["browse"].message
    assert message and all(word in message for word in words)
    html = page.content.decode()
    assert 'class="notice"' in html and words[-1] in html and "全部报告" in html
    api = client.get("/api/reports", params).json()
    assert api["count"] == 5 and api["message"] == message and api["filters"] == {}


def test_a_bad_value_spares_the_good_ones(client, seeded):
    page = client.get("/reports/?year=abc&year=2022&level=foo&level=county")
    assert _files(page) == {"000"}
    assert [c["label"] for c in page.context["chips"]] == ["2022年", "县级"]
    assert "abc" in page.context["browse"].message and "foo" in page.context["browse"].message


def test_agency_filter_and_agency_page(client, seeded):
    report = seeded["002"]
    agency = report.agency
    page = client.get(reverse("reports:list"), {"agency": agency.pk})
    assert _files(page) == {"002"}
    assert f"机关：{agency.name}" in page.content.decode()
    detail = client.get(reverse("reports:agency", args=[agency.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert f"<h1>{agency.name}" in html and "2020年度" in html and report.title in html
    assert f"?agency={agency.pk}" in html
    assert client.get(reverse("reports:agency", args=[999999])).status_code == 404
    listing = client.get(reverse("reports:list")).content.decode()
    assert f'href="/agencies/{agency.pk}/"' in listing


def test_a_quoted_search_is_not_shown_with_doubled_quotes(client, seeded):
    html = client.get(reverse("reports:list"), {"q": '"法律顾问"'}).content.decode()
    assert "“&quot;法律顾问&quot;”" not in html and '“"法律顾问"”' not in html
    assert "&quot;法律顾问&quot;" in html.split("<h1", 1)[1].split("</h1>", 1)[0]
    plain = client.get(reverse("reports:list"), {"q": "法律顾问"}).content.decode()
    assert "“法律顾问”" in plain.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_the_h1_comes_first_in_main(client, seeded):
    html = client.get(reverse("reports:list"), {"province": "530000"}).content.decode()
    main = html.split('<main id="main" tabindex="-1">', 1)[1]
    assert main.lstrip().startswith("<h1")
