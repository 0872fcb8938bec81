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
        ({"agency_kind": "government_office"}, {"000_bfee8bb3aceb5354.txt", "004_17ca6f33bb420750.txt"}),
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
    from lawreports.reports import selectors

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
