"""Analysis computed on store, recomputed on demand, shown and filterable."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis, Theme
from lawreports.analysis.services import analyse_report

pytestmark = pytest.mark.django_db


def test_seed_timeliness(seeded):
    assert seeded["000"].analysis.timeliness == "on_time"  # published 2023-02-07 for 2022
    late = seeded["003"].analysis  # 2023, dated 2024-04-01, no publication date
    assert late.timeliness == "late" and late.days_late == 1 and late.judged_by == "report_date"


def test_seed_completeness(seeded):
    first = seeded["000"].analysis
    assert (first.measures, first.problems, first.plans) == ("outline",) * 3
    assert first.missing() == ["leadership", "other"]
    # 昭通 tells how its principal leaders met the duty, within the measures
    assert seeded["002"].analysis.leadership == "text"


def test_seed_figures(seeded):
    figures = Figure.objects.filter(report=seeded["000"])
    assert seeded["000"].analysis.figure_count == figures.count() > 10
    assert figures.filter(number="40", unit="个", noun__contains="常务会议题").exists()
    assert not figures.filter(number__in=["2022", "2021", "2025"]).exists()
    zhaotong = Figure.objects.filter(report=seeded["002"])
    assert zhaotong.filter(number="83", unit="件", noun="行政复议申请").exists()
    assert zhaotong.filter(number="104", unit="名", noun="法律顾问").exists()
    assert zhaotong.filter(number="98.64", unit="%").exists()


def test_seed_themes(seeded):
    tags = ItemTheme.objects.filter(report=seeded["000"], kind="issue")
    assert {t.theme.name for t in tags} >= {"法律顾问", "政务公开", "监督"}


def test_analysis_is_idempotent(seeded):
    report = seeded["002"]
    before = (Figure.objects.count(), ItemTheme.objects.count(), ReportAnalysis.objects.count())
    analyse_report(report)
    call_command("analyse_reports", stdout=io.StringIO())
    after = (Figure.objects.count(), ItemTheme.objects.count(), ReportAnalysis.objects.count())
    assert before == after


def test_taxonomy_edit_then_reanalyse(seeded):
    Theme.objects.create(name="测试主题", keywords="督促检查\n法律顾问潜力")
    call_command("analyse_reports", stdout=io.StringIO())
    assert ItemTheme.objects.filter(theme__name="测试主题", report=seeded["000"]).count() == 2


def test_deadline_is_one_setting(seeded, settings):
    settings.REPORT_DEADLINE_MONTH_DAY = (1, 31)
    analyse_report(seeded["000"])
    assert ReportAnalysis.objects.get(report=seeded["000"]).timeliness == "late"


def test_editing_dates_updates_timeliness(seeded):
    report = seeded["003"]
    report.published_on = dt.date(2024, 3, 1)
    report.save()
    assert ReportAnalysis.objects.get(report=report).timeliness == "on_time"


def test_small_report_with_all_parts(make_report):
    report = make_report(
        published_on=dt.date(2023, 3, 31),
        sections=[
            ("achievements", "主要举措和成效", "", [("加强执法", "办理行政处罚案件12件。")]),
            ("leadership", "主要负责人履行第一责任人职责情况", "主要负责人带头述法。", []),
            ("problems", "存在的不足和原因", "", [("行政执法不够规范", "执法不规范。")]),
            ("plans", "下一年度工作安排", "", [("加强政务公开", "加强政务公开工作。")]),
            ("other", "其他需要报告的情况", "无。", []),
        ],
    )
    row = report.analysis
    assert row.missing() == [] and row.timeliness == "on_time" and row.figure_count == 1
    assert ItemTheme.objects.get(report=report, kind="issue").theme.name == "执法"


# --- the list page: facets and filters --------------------------------------------------


def files(response) -> set[str]:
    return {row.report.source_file[:3] for row in response.context["browse"].rows}


def test_facets_and_filters(client, seeded):
    url = reverse("reports:list")
    facets = client.get(url).context["browse"].facets
    assert {v.value: v.count for v in facets["timeliness"]} == {"on_time": 4, "late": 1}
    missing = {v.value: v.count for v in facets["missing_part"]}
    assert missing["leadership"] == 3 and "measures" not in missing
    assert files(client.get(url, {"timeliness": "late"})) == {"003"}
    assert files(client.get(url, {"missing_part": "leadership"})) == {"000", "001", "004"}
    issue_themes = {v.value: v.count for v in facets["issue_theme"]}
    assert issue_themes["法律顾问"] >= 1
    assert "000" in files(client.get(url, {"issue_theme": "法律顾问", "year": "2022"}))
    assert files(client.get(url, {"issue_theme": "执法", "year": "2020"})) == {"002"}
    assert files(client.get(url, {"figures": "many"})) == {"000", "001", "002", "003", "004"}


def test_chosen_analysis_facet_is_a_chip_and_keeps_siblings(client, seeded):
    response = client.get(reverse("reports:list"), {"timeliness": "late"})
    html = response.content.decode()
    assert "及时性" in html and "逾期" in html
    values = response.context["browse"].facets["timeliness"]
    assert {v.value for v in values} == {"on_time", "late"} and any(v.selected for v in values)


def test_sort_by_figures(client, seeded):
    rows = client.get(reverse("reports:list"), {"sort": "figures"}).context["browse"].rows
    counts = [row.report.analysis.figure_count for row in rows]
    assert counts == sorted(counts, reverse=True)
    assert rows[0].report.source_file.startswith("002")


def test_existing_filters_still_work_with_search(client, seeded):
    response = client.get(reverse("reports:list"), {"q": "行政复议", "timeliness": "on_time"})
    assert response.status_code == 200 and "003" not in files(response)


def test_detail_page_shows_the_analysis(client, seeded):
    html = client.get(seeded["003"].get_absolute_url()).content.decode()
    assert "报告分析" in html and "逾期" in html and "逾期 1 天" in html
    assert "主要负责人履行第一责任人职责" in html and "具体数字" in html
    html = client.get(seeded["000"].get_absolute_url()).content.decode()
    assert "准时" in html and "?missing_part=leadership" in html and "审查常务会议题" in html


def test_timeliness_page(client, seeded):
    response = client.get(reverse("analysis:timeliness"))
    assert response.status_code == 200
    per_year = {row["year"]: row for row in response.context["per_year"]}
    assert per_year[2023]["late"] == 1 and per_year[2022]["on_time"] == 2
    per_province = {row["province__name"]: row for row in response.context["per_province"]}
    assert per_province["云南省"]["on_time"] == 2 and per_province["河南省"]["late"] == 1
    assert "逾期" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_editing_a_section_heading_updates_completeness(seeds_dir):
    call_command("load_reports", str(seeds_dir / "000_bfee8bb3aceb5354.txt"), stdout=io.StringIO())
    from lawreports.reports.models import Report

    report = Report.objects.get()
    assert report.analysis.leadership == ""
    section = report.sections.filter(depth=0).order_by("order").first()
    section.heading = "党政主要负责人履行推进法治建设第一责任人职责情况"
    section.kind = "leadership"
    section.save()
    report.refresh_from_db()
    assert report.analysis.leadership == "outline"
