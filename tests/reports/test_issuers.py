"""Who issued a report: an unknown issuer is no agency, and one agency is one issuer."""

import csv
import dataclasses
import importlib
import io
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from lawreports.parsing import parse_file
from lawreports.reports.management.commands.check_integrity import integrity_problems
from lawreports.reports.models import UNIDENTIFIED_ISSUER, Agency, Report
from lawreports.reports.services.store import store_report

pytestmark = pytest.mark.django_db

UNKNOWN = ("r02_no_title_woju", "r03_no_title_no_date")  # "我局", no name, no place


def test_reports_whose_issuer_is_unknown_have_no_agency_and_share_none(portal_pages):
    reports, _ = portal_pages
    for stem in UNKNOWN:
        assert reports[stem].agency is None
        assert reports[stem].issuer_name == UNIDENTIFIED_ISSUER
    assert not Agency.objects.filter(name__contains="未识别").exists()
    known = reports["r01_breadcrumb_title"]
    assert known.agency.name == "宜城市司法局" and known.agency.region == known.region
    assert integrity_problems() == []


def test_pages_say_issuer_not_identified_and_link_to_nothing(client, portal_pages):
    reports, _ = portal_pages
    first, second = (reports[stem] for stem in UNKNOWN)  # 2022 and 2023: consecutive years
    html = client.get(first.get_absolute_url()).content.decode()
    assert UNIDENTIFIED_ISSUER in html
    assert "/follow-through/" not in html
    assert second.get_absolute_url() not in html  # not listed as "the same agency's" year
    listing = client.get(reverse("reports:list")).content.decode()
    assert listing.count(UNIDENTIFIED_ISSUER) == 2


def test_api_and_exports_say_issuer_not_identified(client, portal_pages):
    reports, _ = portal_pages
    unknown = {reports[stem].pk for stem in UNKNOWN}
    results = client.get("/api/reports").json()["results"]
    by_id = {row["id"]: row["agency"] for row in results}
    assert {by_id[pk] for pk in unknown} == {UNIDENTIFIED_ISSUER}
    assert by_id[reports["r04_township_bar"].pk] == "沙溪镇人民政府"

    body = b"".join(client.get("/export/reports.csv?header=code").streaming_content).decode(
        "utf-8-sig"
    )
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(body))}
    assert {rows[pk]["agency"] for pk in unknown} == {UNIDENTIFIED_ISSUER}
    assert {rows[pk]["agency_kind"] for pk in unknown} == {""}
    body = b"".join(client.get("/export/issues.json").streaming_content).decode()
    issues = json.loads(body)
    assert {i["agency"] for i in issues if i["report_id"] in unknown} == {UNIDENTIFIED_ISSUER}


def test_the_same_name_in_two_divisions_is_two_agencies(portal_pages):
    reports, folder = portal_pages
    parsed = parse_file(folder / "r01_breadcrumb_title.txt")
    elsewhere = dataclasses.replace(  # 宜城市司法局, but placed in 枣阳市 (same prefecture)
        parsed, region_code="420683", county="枣阳市", content_hash="0" * 64
    )
    outcome = store_report(elsewhere, source_file="elsewhere.txt")
    first, second = reports["r01_breadcrumb_title"].agency, outcome.report.agency
    assert first.name == second.name == "宜城市司法局"
    assert first != second
    assert second.region.code == "420683" and outcome.report.region.code == "420683"
    assert integrity_problems() == []


def test_check_integrity_names_an_agency_whose_reports_span_divisions(portal_pages):
    reports, _ = portal_pages
    stray = reports["r04_township_bar"]
    Report.objects.filter(pk=stray.pk).update(agency=reports["r01_breadcrumb_title"].agency)
    problems = integrity_problems()
    assert any(p.startswith("Agency whose reports lie in more than one division") for p in problems)
    assert f"Report in another division than its agency: [{stray.pk}]" in problems
    with pytest.raises(CommandError):
        call_command("check_integrity", stdout=io.StringIO(), stderr=io.StringIO())


def test_migration_detaches_the_placeholder_and_splits_agencies_by_division(portal_pages):
    reports, _ = portal_pages
    # The state the old loader left: unknown issuers on one shared record, one of them locked.
    placeholder = Agency.objects.create(name="未识别机关")
    first, second = (reports[stem] for stem in UNKNOWN)
    Report.objects.filter(pk__in=[first.pk, second.pk]).update(agency=placeholder)
    Report.objects.filter(pk=first.pk).update(curated_fields=["agency", "title"])
    # …and one name shared by reports of two divisions.
    yicheng = reports["r01_breadcrumb_title"].agency
    shaxi = reports["r04_township_bar"]
    Report.objects.filter(pk=shaxi.pk).update(agency=yicheng)

    migration = importlib.import_module("lawreports.reports.migrations.0008_agency_per_division")
    migration.one_issuer_per_agency(apps, connection.schema_editor())

    first.refresh_from_db(), second.refresh_from_db(), shaxi.refresh_from_db()
    assert first.agency is None and second.agency is None
    assert first.curated_fields == ["title"]  # the placeholder was never a curator's choice
    assert not Agency.objects.filter(name="未识别机关").exists()
    assert Report.objects.get(pk=reports["r01_breadcrumb_title"].pk).agency == yicheng
    assert shaxi.agency != yicheng and shaxi.agency.name == yicheng.name
    assert shaxi.agency.region == shaxi.region
    assert integrity_problems() == []


def test_reloading_after_the_parser_learns_nothing_new_keeps_no_agency(portal_pages):
    reports, folder = portal_pages
    agencies = Agency.objects.count()
    outcome = store_report(
        parse_file(folder / "r02_no_title_woju.txt"),
        source_file="r02_no_title_woju.txt",
        force=True,
    )
    assert outcome.status == "updated" and outcome.report.agency is None
    assert Agency.objects.count() == agencies


def test_the_archive_counts_only_identified_agencies(client, portal_pages):
    response = client.get(reverse("reports:home"))
    assert response.context["agencies"] == 2  # 宜城市司法局, 沙溪镇人民政府; not "unknown"
