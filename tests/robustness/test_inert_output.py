"""Markup, entities and control characters in a report are shown as text on every page."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from lawreports.reports.models import Report
from tests.robustness.corpus import seed_text

pytestmark = pytest.mark.django_db

LIVE = ("<script>alert(", "<img src=x", "<b>队伍", "<iframe")


def hostile_report(tmp_path) -> Report:
    text = seed_text(0)
    text = text.replace("一、工作推进情况", "一、工作推进情况<script>alert('heading')</script>")
    text = text.replace(
        "严格遵循法定权限",
        "<img src=x onerror=alert(1)>&lt;script&gt;恶意&amp;代码\x07\x1b\x0b严格遵循法定权限",
    )
    text = text.replace(
        "政务公开队伍建设有差距", "政务公开<b>队伍</b><iframe src=//evil>建设有差距"
    )
    path = tmp_path / "hostile<script>.txt"
    path.write_text(text, encoding="utf-8")
    call_command("load_reports", str(path), stdout=io.StringIO())
    return Report.objects.get()


def assert_inert(html: str, where: str) -> None:
    for marker in LIVE:
        assert marker not in html, (where, marker)


def test_report_text_is_inert_on_every_page(client, admin_client, tmp_path):
    report = hostile_report(tmp_path)
    assert "<script>alert('heading')</script>" in report.sections.get(order=0).heading
    pages = {
        "home": reverse("reports:home"),
        "list": reverse("reports:list"),
        "search": reverse("reports:list") + "?q=恶意",
        "search-markup": reverse("reports:list") + "?q=<script>alert",
        "detail": report.get_absolute_url(),
        "detail-simplified": report.get_absolute_url() + "?script=simplified",
        "region": report.region_path()[0].get_absolute_url(),
        "year": reverse("reports:year", args=[report.year]),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), where)
    detail = client.get(pages["detail"]).content.decode()
    assert "&amp;lt;script&amp;gt;" in detail  # an entity in the text is shown, not decoded
    search = client.get(pages["search"]).content.decode()
    assert "<mark>" in search  # the snippet really is rendered as HTML (with escaping)

    admin_pages = [
        reverse("admin:reports_report_change", args=[report.pk]),
        reverse("admin:reports_report_changelist") + "?q=hostile",
        reverse("admin:reports_section_changelist"),
        reverse("admin:reports_issue_changelist"),
    ]
    for url in admin_pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_the_api_and_the_original_text_are_never_html(client, tmp_path):
    report = hostile_report(tmp_path)
    response = client.get(reverse("reports:api_reports"), {"q": "恶意"})
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = json.loads(response.content)  # control characters arrive escaped, still valid JSON
    assert body["count"] == 1
    original = client.get(reverse("reports:original", args=[report.pk]))
    assert original["Content-Type"].startswith("text/plain")
    assert original["X-Content-Type-Options"] == "nosniff"
    assert "<script>alert('heading')</script>" in original.content.decode()  # byte-faithful
