"""A curator's edits in the admin are marked curated and survive reloads, re-parses, reindex."""

import io
import shutil
from pathlib import Path

import pytest
from admin_support import change_form_data, edit_report, load, prefix_of, rewrite
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse

from lawreports.parsing import parse_file
from lawreports.reports.management.commands.check_integrity import integrity_problems
from lawreports.reports.models import Agency, Region, Report
from lawreports.reports.services.store import flatten_sections, store_report
from lawreports.search import search_reports

pytestmark = pytest.mark.django_db

SEED = "002_76b488e6cb161437.txt"


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.com", "pw")
    client.force_login(user)
    return user


@pytest.fixture
def seed_copy(seeds_dir, tmp_path) -> Path:
    target = tmp_path / SEED
    shutil.copy(seeds_dir / SEED, target)
    load(target)
    return target


def test_unchanged_admin_form_marks_nothing_curated(client, staff, seed_copy):
    report = Report.objects.get()
    edit_report(client, report, lambda data, response: None)
    report.refresh_from_db()
    assert report.curated_fields == []
    assert not report.issues.filter(curated=True).exists()
    assert not report.sections.filter(curated=True).exists()


def test_curated_metadata_and_issues_survive_a_changed_file(client, staff, seed_copy):
    report = Report.objects.get()
    first_issue, _, last_issue = report.issues.order_by("order")

    def curate(data, response):
        data["title"] = "昭通市法治政府建设报告(校订)"
        data["doc_no"] = "昭政报〔2021〕1号"
        issues = prefix_of(response, "issue")
        for i in range(3):
            if data[f"{issues}-{i}-id"] == first_issue.pk:
                data[f"{issues}-{i}-headline"] = "思想认识不足(校订)"
            if data[f"{issues}-{i}-id"] == last_issue.pk:
                data[f"{issues}-{i}-DELETE"] = "on"

    edit_report(client, report, curate)
    report.refresh_from_db()
    assert set(report.curated_fields) == {"title", "doc_no", "issues"}
    assert report.issue_count == 2
    assert report.issues.get(pk=first_issue.pk).curated

    rewrite(
        seed_copy,
        ("2020年度", "2021年度"),  # title (curated) and year (not curated)
        ("思想认识有待进一步提高", "思想认识仍需提高"),  # an issue (list curated)
        ("以第一责任人职责为牵引", "以第一责任人职责为引领"),  # a plan (not curated)
        ("信息来源:昭通市司法局", "信息来源:昭通市人民政府办公室"),  # metadata (not curated)
    )
    out = load(seed_copy)
    assert "updated 1" in out and "kept curated" in out and "title" in out

    report.refresh_from_db()
    assert report.title == "昭通市法治政府建设报告(校订)"
    assert report.doc_no == "昭政报〔2021〕1号"
    assert report.year == 2021
    assert report.source == "昭通市人民政府办公室"
    headlines = list(report.issues.order_by("order").values_list("headline", flat=True))
    assert headlines == ["思想认识不足(校订)", "依法行政有待进一步加强"]
    assert report.issue_count == 2
    assert report.plans.order_by("order").first().headline.startswith("以第一责任人职责为引领")


def test_curated_plans_added_and_reordered_survive_a_changed_file(client, staff, seed_copy):
    report = Report.objects.get()
    plans = list(report.plans.order_by("order"))

    def curate(data, response):
        prefix = prefix_of(response, "plan")
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        for i in range(total):  # reverse the order
            data[f"{prefix}-{i}-order"] = total - 1 - i
        data[f"{prefix}-TOTAL_FORMS"] = total + 1
        data[f"{prefix}-{total}-order"] = total
        data[f"{prefix}-{total}-headline"] = "建立年度报告公开评议制度"
        data[f"{prefix}-{total}-section"] = plans[0].section_id
        data[f"{prefix}-{total}-report"] = report.pk

    edit_report(client, report, curate)
    report.refresh_from_db()
    assert "plans" in report.curated_fields
    expected = [p.headline for p in reversed(plans)] + ["建立年度报告公开评议制度"]
    assert list(report.plans.order_by("order").values_list("headline", flat=True)) == expected
    assert report.plan_count == len(plans) + 1

    rewrite(
        seed_copy,
        ("以第一责任人职责为牵引", "以第一责任人职责为引领"),
        ("思想认识有待进一步提高", "思想认识仍需提高"),
    )
    out = load(seed_copy)
    assert "kept curated plans" in out
    report.refresh_from_db()
    assert list(report.plans.order_by("order").values_list("headline", flat=True)) == expected
    # Issues were never touched, so they follow the file.
    assert report.issues.order_by("order").first().headline == "思想认识仍需提高"
    for plan in report.plans.select_related("section"):
        assert plan.section.report_id == report.pk


def test_curated_section_survives_reload_and_is_searchable_at_once(
    client, staff, seed_copy, django_capture_on_commit_callbacks
):
    report = Report.objects.get()
    section = report.sections.get(order=1)
    assert search_reports("鲲鹏展翅").count == 0

    def curate(data, response):
        prefix = prefix_of(response, "section")
        data[f"{prefix}-1-body"] = "本节经人工校订：鲲鹏展翅计划全面实施。"
        data[f"{prefix}-1-heading"] = "统筹推进法治政府建设(校订)"

    with django_capture_on_commit_callbacks(execute=True):
        edit_report(client, report, curate)
    section.refresh_from_db()
    assert section.curated
    assert search_reports("鲲鹏展翅").count == 1  # no manual reindex

    rewrite(seed_copy, ("2020年度", "2021年度"))
    out = load(seed_copy)
    assert "sections" in out
    section.refresh_from_db()
    assert section.heading == "统筹推进法治政府建设(校订)"
    assert "鲲鹏展翅" in section.body
    call_command("reindex", stdout=io.StringIO())
    section.refresh_from_db()
    assert "鲲鹏展翅" in section.body
    assert search_reports("鲲鹏展翅").count == 1


def test_region_change_moves_the_whole_path_and_is_kept(client, staff, seeded):
    report = seeded["002_76b488e6cb161437.txt"]  # 昭通市, 云南省
    other = seeded["003_5a7ed637e8473e00.txt"]  # 荥阳市, 郑州市, 河南省
    edit_report(client, report, lambda data, response: data.update(region=other.region_id))
    report.refresh_from_db()
    assert report.region_id == other.region_id
    assert report.province_id == other.province_id and report.county_id == other.county_id
    assert report.level == "county"  # the level follows the division
    # The issuer moves with it: 昭通市人民政府 in 荥阳市 is another agency than the one in 昭通市.
    assert report.agency.region_id == other.region_id and report.agency.name == "昭通市人民政府"
    assert set(report.curated_fields) == {"region", "agency"}


def test_review_status_records_who_and_when(client, staff, seeded):
    report = seeded["001_acf98a436d4acf9f.txt"]
    edit_report(client, report, lambda data, response: data.update(review_status="reviewed"))
    report.refresh_from_db()
    assert report.review_status == "reviewed"
    assert report.reviewed_by == staff and report.reviewed_at is not None
    assert report.curated_fields == []  # reviewing is not editing the parse
    entry = LogEntry.objects.get(object_id=str(report.pk))
    assert "review_status" in entry.get_change_message() or "审核状态" in entry.get_change_message()
    history = client.get(reverse("admin:reports_report_history", args=[report.pk]))
    assert "审核状态" in history.content.decode()


def test_same_file_reload_and_reindex_leave_curated_values(client, staff, seed_copy):
    report = Report.objects.get()
    edit_report(client, report, lambda data, response: data.update(title="校订标题"))
    assert "unchanged 1" in load(seed_copy)
    call_command("reindex", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.title == "校订标题"


def test_curated_section_outside_a_shorter_outline_is_kept(seed_copy):
    report = Report.objects.get()
    last = report.sections.order_by("order").last()
    last.body, last.curated = "校订正文", True
    last.save()
    parsed = parse_file(seed_copy)
    node = parsed.sections[-1]
    while node.children and node.children[-1].children:
        node = node.children[-1]
    (node.children or parsed.sections).pop()  # the parse loses the last section
    outcome = store_report(parsed, source_file=seed_copy.name, force=True)
    assert outcome.status == "updated" and "sections" in outcome.kept
    last.refresh_from_db()
    assert last.body == "校订正文"
    assert report.sections.count() == len(flatten_sections(parsed.sections)) + 1


def test_an_item_cannot_move_to_another_reports_section(client, staff, seeded):
    report = seeded["002_76b488e6cb161437.txt"]
    foreign = seeded["000_bfee8bb3aceb5354.txt"].sections.first()
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = client.get(url)
    data = change_form_data(response)
    data[f"{prefix_of(response, 'issue')}-0-section"] = foreign.pk
    assert client.post(url, data).status_code == 200  # the form comes back with an error
    assert not report.issues.filter(section=foreign).exists()
    assert Report.objects.get(pk=report.pk).curated_fields == []


# ---- issuer and division, on report pages modelled on real portals -------------------------


def reparse(client, *reports: Report) -> None:
    data = {"action": "reparse", ACTION_CHECKBOX_NAME: [r.pk for r in reports]}
    assert client.post(reverse("admin:reports_report_changelist"), data).status_code == 302


def test_a_form_posted_as_a_browser_posts_it_marks_nothing_curated(client, staff, portal_pages):
    reports, _ = portal_pages
    report = reports["r01_breadcrumb_title"]
    before = Report.objects.values().get(pk=report.pk)
    edit_report(client, report, lambda data, response: None, crlf=True)
    report.refresh_from_db()
    assert report.curated_fields == []
    assert not report.sections.filter(curated=True).exists()
    assert not report.issues.filter(curated=True).exists()
    after = Report.objects.values().get(pk=report.pk)
    assert {k: v for k, v in after.items() if before[k] != v}.keys() <= {"updated_at"}


def test_curator_places_a_report_of_unknown_issuer_and_the_fix_stays(client, staff, portal_pages):
    reports, folder = portal_pages
    report = reports["r02_no_title_woju"]
    zaoyang = Region.objects.get(code="420683")  # no report is there: only the tree has it
    added = client.post(
        reverse("admin:reports_agency_add"),
        {"name": "枣阳市司法局", "kind": "department", "level": "county", "region": zaoyang.pk},
    )
    assert added.status_code == 302
    agency = Agency.objects.get(name="枣阳市司法局")

    def place(data, response):
        data.update(agency=agency.pk, region=zaoyang.pk)

    edit_report(client, report, place, crlf=True)

    def check() -> None:
        report.refresh_from_db()
        assert report.agency == agency and report.region == zaoyang
        path = [r.name for r in report.region_path()]
        assert path == ["湖北省", "襄阳市", "枣阳市"] and report.level == "county"
        assert "region_unresolved" not in report.flags
        assert "title_inferred" in report.flags  # the title was not touched: still to review
        assert sorted(report.curated_fields) == ["agency", "region"]
        assert integrity_problems() == []

    check()
    reparse(client, report)
    check()
    rewrite(folder / "r02_no_title_woju.txt", ("18份合同", "20份合同"))
    assert "updated 1" in load(folder / "r02_no_title_woju.txt")
    check()
    assert "20份合同" in report.body_text


def test_choosing_a_division_alone_fills_path_and_level_and_keeps_issuer_unknown(
    client, staff, portal_pages
):
    reports, _ = portal_pages
    report = reports["r03_no_title_no_date"]
    town = Region.objects.filter(parent__code="420683", level="township").first()
    edit_report(client, report, lambda data, response: data.update(region=town.pk))
    report.refresh_from_db()
    assert [r.code for r in report.region_path()] == ["420000", "420600", "420683", town.code]
    assert report.township == town and report.level == "township"
    assert report.agency is None
    assert "region_unresolved" not in report.flags
    assert report.curated_fields == ["region"]
    reparse(client, report)
    report.refresh_from_db()
    assert report.region == town and report.level == "township" and report.agency is None
    assert "region_unresolved" not in report.flags


def test_choosing_an_issuer_brings_its_division(client, staff, portal_pages):
    reports, _ = portal_pages
    report, yicheng = reports["r02_no_title_woju"], reports["r01_breadcrumb_title"].agency
    edit_report(client, report, lambda data, response: data.update(agency=yicheng.pk))
    report.refresh_from_db()
    assert report.agency == yicheng and report.region == yicheng.region
    assert report.county.name == "宜城市" and report.level == "county"
    assert sorted(report.curated_fields) == ["agency", "region"]
    assert integrity_problems() == []


def test_an_issuer_of_another_division_is_refused(client, staff, portal_pages):
    reports, _ = portal_pages
    report, yicheng = reports["r02_no_title_woju"], reports["r01_breadcrumb_title"].agency
    elsewhere = Region.objects.get(code="420683")
    response = edit_report(
        client,
        report,
        lambda data, response: data.update(agency=yicheng.pk, region=elsewhere.pk),
        expect_error=True,
    )
    assert "与报告所选区划不一致" in response.content.decode()
    report.refresh_from_db()
    assert report.agency is None and report.region is None and report.curated_fields == []


def test_a_title_set_by_hand_answers_its_flag_for_good(client, staff, portal_pages):
    reports, _ = portal_pages
    report = reports["r02_no_title_woju"]
    assert report.title_inferred and "title_inferred" in report.flags
    edit_report(client, report, lambda data, response: data.update(title="某局2022年法治报告"))
    report.refresh_from_db()
    assert not report.title_inferred and "title_inferred" not in report.flags
    assert report.curated_fields == ["title"]
    reparse(client, report)
    report.refresh_from_db()
    assert report.title == "某局2022年法治报告" and not report.title_inferred
    assert "title_inferred" not in report.flags and "region_unresolved" in report.flags


def test_an_issuer_without_a_division_cannot_clear_a_reports_division(client, staff, portal_pages):
    reports, _ = portal_pages
    report = reports["r04_township_bar"]
    nowhere = Agency.objects.create(name="某某局", kind="department")
    response = edit_report(
        client, report, lambda data, response: data.update(agency=nowhere.pk), expect_error=True
    )
    assert "没有所在区划" in response.content.decode()
    report.refresh_from_db()
    assert report.agency.name == "沙溪镇人民政府" and report.township.name == "沙溪镇"
