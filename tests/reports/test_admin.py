"""The admin: who gets in, the review queue, the actions and their history."""

import re
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import DELETION, LogEntry
from django.urls import reverse

from lawreports.parsing.model import FLAGS
from lawreports.reports.management.commands.check_integrity import integrity_problems
from lawreports.reports.models import FLAG_LABELS, Agency, Region, Report

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:reports_report_changelist"
FLAGGED = {"001_acf98a436d4acf9f.txt", "003_5a7ed637e8473e00.txt", "004_17ca6f33bb420750.txt"}


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.com", "pw")
    client.force_login(user)
    return user


def history(obj) -> list[str]:
    entries = LogEntry.objects.filter(
        object_id=str(obj.pk), content_type__model=obj._meta.model_name
    )
    return [entry.get_change_message() for entry in entries]


def test_anonymous_users_are_sent_to_the_login_page(client, seeded):
    report = next(iter(seeded.values()))
    for url in (reverse("admin:index"), reverse("admin:reports_report_change", args=[report.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_non_staff_users_cannot_reach_the_admin(client, django_user_model, seeded):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    report = next(iter(seeded.values()))
    response = client.post(reverse("admin:reports_report_change", args=[report.pk]), {"title": "x"})
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).title != "x"


def test_public_pages_reject_writes(client, seeded):
    report = next(iter(seeded.values()))
    for url in (
        reverse("reports:home"),
        reverse("reports:list"),
        reverse("reports:detail", args=[report.pk]),
        reverse("reports:original", args=[report.pk]),
    ):
        assert client.post(url, {"title": "x"}).status_code == 405, url


def test_review_queue_lists_flagged_reports_first(client, staff, seeded):
    response = client.get(reverse(CHANGELIST))
    rows = list(response.context["cl"].result_list)
    counts = [r.flag_count for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    assert rows[0].source_file == "004_17ca6f33bb420750.txt"
    assert all(r.flag_count == len(r.flags) for r in rows)


@pytest.mark.parametrize(
    "flag, files",
    [
        ("title_inferred", FLAGGED),
        ("encoding_damage", {"004_17ca6f33bb420750.txt"}),
        ("region_unresolved", set()),
        ("any", FLAGGED),
        ("none", {"000_bfee8bb3aceb5354.txt", "002_76b488e6cb161437.txt"}),
    ],
)
def test_flag_filter(client, staff, seeded, flag, files):
    response = client.get(reverse(CHANGELIST), {"flag": flag})
    assert response.status_code == 200
    assert {r.source_file for r in response.context["cl"].result_list} == files


def test_mark_reviewed_action_records_who_when_and_history(client, staff, seeded):
    chosen = [seeded["001_acf98a436d4acf9f.txt"], seeded["004_17ca6f33bb420750.txt"]]
    data = {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [r.pk for r in chosen]}
    assert client.post(reverse(CHANGELIST), data).status_code == 302
    for report in chosen:
        report.refresh_from_db()
        assert report.review_status == "reviewed"
        assert report.reviewed_by == staff and report.reviewed_at is not None
        assert any("marked reviewed" in m for m in history(report))
    assert Report.objects.filter(review_status="unreviewed").count() == 3
    response = client.get(reverse(CHANGELIST), {"review_status__exact": "unreviewed"})
    assert response.context["cl"].result_count == 3


def test_reparse_action_refreshes_parsed_values_but_keeps_curated_ones(client, staff, seeded):
    report = seeded["002_76b488e6cb161437.txt"]
    sections = list(report.sections.values_list("pk", flat=True))
    Report.objects.filter(pk=report.pk).update(
        year=1999, source="过时", title="校订标题", curated_fields=["title"]
    )
    data = {"action": "reparse", ACTION_CHECKBOX_NAME: [report.pk]}
    assert client.post(reverse(CHANGELIST), data).status_code == 302
    report.refresh_from_db()
    assert report.year == 2020 and report.source == "昭通市司法局"
    assert report.title == "校订标题"
    assert list(report.sections.values_list("pk", flat=True)) == sections  # ids stable
    assert report.issue_count == 3
    assert any("re-parsed" in m and "title" in m for m in history(report))


def test_merge_agencies_moves_every_report_and_logs_it(client, staff, seeded):
    keep = seeded["002_76b488e6cb161437.txt"].agency
    twin = Agency.objects.create(name="昭通市政府", kind="government", level="prefecture")
    moved = [seeded["000_bfee8bb3aceb5354.txt"], seeded["001_acf98a436d4acf9f.txt"]]
    Report.objects.filter(pk__in=[r.pk for r in moved]).update(agency=twin)
    url = reverse("admin:reports_agency_changelist")
    selected = {"action": "merge", ACTION_CHECKBOX_NAME: [keep.pk, twin.pk]}

    confirm = client.post(url, selected)
    assert confirm.status_code == 200
    assert confirm.context["default"] == twin  # the one with most reports
    assert "确认合并" in confirm.content.decode()
    assert Agency.objects.filter(pk=twin.pk).exists()  # nothing happens before confirming

    done = client.post(url, {**selected, "post": "yes", "target": keep.pk})
    assert done.status_code == 302
    assert not Agency.objects.filter(pk=twin.pk).exists()
    assert keep.reports.count() == 3
    for report in moved:
        report.refresh_from_db()
        assert "agency" in report.curated_fields
        assert any("昭通市政府" in m for m in history(report))
    assert any("2 reports moved" in m for m in history(keep))
    assert LogEntry.objects.filter(action_flag=DELETION, object_id=str(twin.pk)).exists()

    # A re-parse would otherwise re-create the old agency from the text.
    reparse = {"action": "reparse", ACTION_CHECKBOX_NAME: [r.pk for r in moved]}
    assert client.post(reverse(CHANGELIST), reparse).status_code == 302
    assert Report.objects.filter(agency=keep).count() == 3


def test_deleting_an_item_in_its_own_admin_keeps_the_rest_of_the_list(client, staff, seeded):
    report = seeded["000_bfee8bb3aceb5354.txt"]
    issue = report.issues.order_by("order").last()
    url = reverse("admin:reports_issue_delete", args=[issue.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    report.refresh_from_db()
    assert "issues" in report.curated_fields and report.issue_count == 2


def test_staff_can_delete_a_report_with_its_sections(client, staff, seeded):
    report = seeded["000_bfee8bb3aceb5354.txt"]
    url = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()


# ---- the review queue on report pages modelled on real portals ---------------------------


def queue(client, **params):
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    return response, {Path(r.source_file).stem for r in response.context["cl"].result_list}


def test_review_queue_has_a_filter_with_counts_for_each_flag(client, staff, portal_pages):
    reports, _ = portal_pages
    # Flags the parser raises for a breadcrumb-like title and an issuer read from the body.
    r01 = reports["r01_breadcrumb_title"]
    r01.flags = sorted({*r01.flags, "title_suspect", "agency_inferred"})
    r01.save(update_fields=["flags"])
    html = queue(client)[0].content.decode()
    for flag in FLAGS:
        carrying = {
            stem for stem, r in reports.items() if flag in Report.objects.get(pk=r.pk).flags
        }
        assert queue(client, flag=flag)[1] == carrying, flag
        assert f"{FLAG_LABELS[flag]} ({len(carrying)})" in html, flag
    assert queue(client, flag="region_unresolved")[1] == {
        "r02_no_title_woju",
        "r03_no_title_no_date",
    }
    assert queue(client, flag="agency_inferred")[1] == {"r01_breadcrumb_title"}


def test_review_queue_filters_missing_dates_and_unknown_issuers(client, staff, portal_pages):
    response, _ = queue(client)
    html = response.content.decode()
    assert queue(client, published="missing")[1] == {"r03_no_title_no_date"}
    assert "缺发布日期 (1)" in html and "有发布日期 (3)" in html
    assert queue(client, issuer="none")[1] == {"r02_no_title_woju", "r03_no_title_no_date"}
    assert "未识别发布机关 (2)" in html
    assert queue(client, province=Region.objects.get(code="420000").pk)[1] == {
        "r01_breadcrumb_title"
    }
    # Only provinces are offered, not the ~44 000 divisions of the tree.
    assert "湖北省 (1)" in html and "枣阳市" not in html


def test_review_queue_shows_regions_and_readable_titles(client, staff, portal_pages):
    reports, _ = portal_pages
    long_title = "关于" + "进一步深化法治政府建设" * 8 + "情况的报告"
    Report.objects.filter(pk=reports["r04_township_bar"].pk).update(title=long_title)
    html = queue(client)[0].content.decode()
    assert "湖北省 / 襄阳市 / 宜城市" in html
    assert "江苏省 / 苏州市 / 太仓市 / 沙溪镇" in html
    cells = re.findall(
        r'<th class="field-short_title">.*?<span title="([^"]+)">([^<]+)</span>', html
    )
    shown = dict(cells)[long_title]  # the whole title on hover, a shortened one in the row
    assert shown.endswith("…") and len(shown) < 50 and long_title.startswith(shown[:-1])
    assert html.count("未识别发布机关") >= 3  # the filter choice and both rows


def test_the_admin_speaks_chinese(client, staff, portal_pages):
    reports, _ = portal_pages
    pages = [
        reverse(CHANGELIST),
        reverse("admin:reports_report_change", args=[reports["r01_breadcrumb_title"].pk]),
        reverse("admin:reports_agency_changelist"),
        reverse("admin:reports_region_changelist"),
        reverse("admin:index"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "法治政府建设年度报告库 · 管理" in html, url
        labels = re.findall(r"<(?:th|label)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+?)\s*<", html)
        english = [text for text in labels if re.fullmatch(r"[A-Za-z_ ]+:?", text)]
        assert not english, (url, english)
    changelist = client.get(reverse(CHANGELIST)).content.decode()
    for title in ("解析标记", "发布机关", "发布日期", "审核状态", "所在地区", "标题"):
        assert title in changelist


def test_every_flag_the_parser_raises_has_a_chinese_name():
    assert set(FLAGS) <= set(FLAG_LABELS)
    assert all(re.search(r"[\u4e00-\u9fff]", FLAG_LABELS[flag]) for flag in FLAGS)


def test_correcting_an_agencys_division_moves_its_reports(client, staff, portal_pages):
    reports, _ = portal_pages
    report = reports["r01_breadcrumb_title"]
    agency, zaoyang = report.agency, Region.objects.get(code="420683")
    url = reverse("admin:reports_agency_change", args=[agency.pk])
    data = {"name": agency.name, "kind": agency.kind, "level": agency.level, "region": zaoyang.pk}
    assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.region == zaoyang and report.county == zaoyang and report.agency == agency
    assert report.curated_fields == ["region"]
    assert integrity_problems() == []
