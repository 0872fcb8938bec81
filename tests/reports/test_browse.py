import re

import pytest
from django.urls import reverse

from lawreports.reports.models import Report

pytestmark = pytest.mark.django_db


def files_of(response) -> set[str]:
    return {row.report.source_file for row in response.context["browse"].rows}


def test_list_shows_all_reports_with_their_metadata(client, seeded):
    response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "共 5 份" in html
    for report in seeded.values():
        assert report.title in html
    assert "昭通市人民政府" in html and "2020年" in html


@pytest.mark.parametrize(
    "params, files",
    [
        ({"year": "2020"}, {"002_76b488e6cb161437.txt", "004_17ca6f33bb420750.txt"}),
        ({"level": "township"}, {"001_acf98a436d4acf9f.txt"}),
        ({"province": "云南省"}, {"000_bfee8bb3aceb5354.txt", "002_76b488e6cb161437.txt"}),
        ({"province": "530000", "level": "county"}, {"000_bfee8bb3aceb5354.txt"}),
        ({"prefecture": "410100"}, {"003_5a7ed637e8473e00.txt"}),
        ({"county": "150525"}, {"001_acf98a436d4acf9f.txt"}),
        (
            {"agency_kind": "government_office"},
            {"000_bfee8bb3aceb5354.txt", "004_17ca6f33bb420750.txt"},
        ),
        ({"year": "2019"}, set()),
    ],
)
def test_filters_return_the_right_reports(client, seeded, params, files):
    response = client.get(reverse("reports:list"), params)
    assert response.status_code == 200
    assert files_of(response) == files


def test_facets_count_and_drill_down(client, seeded):
    facets = client.get(reverse("reports:list")).context["browse"].facets
    years = {v.value: v.count for v in facets["year"]}
    assert years == {"2022": 2, "2020": 2, "2023": 1}
    provinces = {v.label: v.count for v in facets["province"]}
    assert provinces["云南省"] == 2 and provinces["广东省"] == 1
    assert "prefecture" not in facets  # appears once a province is chosen
    facets = client.get(reverse("reports:list"), {"province": "530000"}).context["browse"].facets
    assert {v.label: v.count for v in facets["prefecture"]} == {
        "红河哈尼族彝族自治州": 1,
        "昭通市": 1,
    }
    # the chosen facet keeps its siblings visible
    assert len(facets["province"]) == 4


def test_filters_survive_pagination_links(client, seeded, settings):
    from lawreports.browsing import selectors

    original = selectors.PAGE_SIZE
    selectors.PAGE_SIZE = 1
    try:
        response = client.get(reverse("reports:list"), {"province": "530000"})
    finally:
        selectors.PAGE_SIZE = original
    links = response.context["page_links"]
    assert links["next"] and "province=530000" in links["next"] and "page=2" in links["next"]


def test_detail_page_shows_outline_issues_plans_and_text(client, seeded, expected):
    case = expected[2]
    report = Report.objects.get(source_file=case["file"])
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert case["title"] in html
    for heading in case["top_sections"]:
        assert heading in html
    for headline in case["issues"] + case["plans"]:
        assert headline.replace(",", "，")[:8] in html.replace(",", "，")
    first = report.sections.order_by("order").first()
    assert f'id="{first.anchor}"' in html and f'href="#{first.anchor}"' in html
    assert "昭通市司法局" in html  # the source


def test_original_text_is_served_exactly_as_loaded(client, seeded, seeds_dir):
    report = seeded["004_17ca6f33bb420750.txt"]
    response = client.get(reverse("reports:original", args=[report.pk]))
    assert response.status_code == 200
    raw = (seeds_dir / report.source_file).read_text(encoding="utf-8")
    assert response.content.decode("utf-8") == raw


def test_traditional_report_has_a_simplified_view(client, seeded):
    report = seeded["004_17ca6f33bb420750.txt"]
    written = client.get(report.get_absolute_url()).content.decode()
    simplified = client.get(report.get_absolute_url(), {"script": "simplified"}).content.decode()
    assert "存在問題" in written
    assert "存在问题" in simplified and "存在問題" not in simplified


def test_missing_report_is_404(client, db):
    assert client.get(reverse("reports:detail", args=[999])).status_code == 404


def test_home_region_and_year_pages_render(client, seeded):
    home = client.get(reverse("reports:home"))
    assert home.status_code == 200 and "<svg" in home.content.decode()
    report = seeded["000_bfee8bb3aceb5354.txt"]
    for region in report.region_path():
        page = client.get(region.get_absolute_url())
        assert page.status_code == 200 and report.title in page.content.decode()
    year = client.get(reverse("reports:year", args=[2022]))
    assert year.status_code == 200 and report.title in year.content.decode()


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("一", "一、"),
        ("十二", "十二、"),
        ("(一)", "（一）"),
        ("1", "1."),
        ("(1)", "（1）"),
        ("第一部分", "第一部分　"),
        ("①", "①"),
        ("", ""),
    ],
)
def test_section_numbers_display_as_printed(stored, shown):
    from lawreports.reports.templatetags.report_tags import section_label

    assert section_label(stored) == shown


def test_detail_numbers_outline_and_headings_naturally(client, seeded):
    html = client.get(seeded["002_76b488e6cb161437.txt"].get_absolute_url()).content.decode()
    assert "一、本年度推进法治政府建设的主要举措和成效" in html
    assert "（一）统筹推进法治政府建设" in html
    assert "(一)" not in html and "一、、" not in html
    assert 'href="/reports/' in html and "original.txt" in html


def test_simplified_view_leaves_nothing_traditional(client, seeded):
    from lawreports.parsing.normalise import to_simplified

    report = seeded["004_17ca6f33bb420750.txt"]
    html = client.get(report.get_absolute_url(), {"script": "simplified"}).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    assert 'lang="zh-Hant"' not in article
    changed = [(a, b) for a, b in zip(article, to_simplified(article), strict=False) if a != b]
    assert not changed
    written = client.get(report.get_absolute_url()).content.decode()
    assert '<article class="report-detail" lang="zh-Hant">' in written


def test_chips_remove_a_filter_and_the_levels_below_it(client, seeded):
    response = client.get(
        reverse("reports:list"), {"q": "法治", "province": "530000", "prefecture": "530600"}
    )
    chips = {chip["key"]: chip for chip in response.context["chips"]}
    assert chips["province"]["label"] == "云南省" and chips["prefecture"]["label"] == "昭通市"
    remove_province = chips["province"]["remove_url"]
    assert "province" not in remove_province and "prefecture" not in remove_province
    assert "q=" in remove_province
    html = response.content.decode()
    assert "移除条件 地市：昭通市" in html and "清除全部筛选" in html


def test_search_results_show_highlighted_sections_linking_to_anchors(client, seeded):
    html = client.get(reverse("reports:list"), {"q": "行政复议"}).content.decode()
    assert "<mark>行政复议</mark>" in html
    # The link carries the search, so the report's page marks its terms.
    assert re.search(r'<p class="snippet"><a href="/reports/\d+/\?q=[^"#]+#s\d+">', html)


def test_home_charts_link_years_and_provinces(client, seeded):
    html = client.get(reverse("reports:home")).content.decode()
    assert html.count("<svg") == 2
    for path in ("/years/2020/", "/years/2021/", "/years/2023/", "/regions/530000/"):
        assert f'href="{path}"' in html  # 2021 has no reports: a gap, not a missing column
    assert "2021年：0 份" in html


def test_region_page_counts_reports_below_each_child(client, seeded):
    children = client.get(reverse("reports:region", args=["530000"])).context["children"]
    assert {c.name: c.n for c in children} == {"昭通市": 1, "红河哈尼族彝族自治州": 1}


@pytest.mark.parametrize("path", ["/", "/reports/?q=行政复议", "/reports/", "/years/2022/"])
def test_pages_reference_nothing_outside_the_app(client, seeded, path):
    html = client.get(path).content.decode()
    assert not re.search(r"""(?:src|href|action)=["']?(?:[a-z]+:|//)""", html, re.I)
    assert "<script" in html and 'src="/static/js/site.js"' in html
