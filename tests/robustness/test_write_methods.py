"""Nothing outside the admin writes; the admin is staff-only and checks CSRF tokens."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lawreports.reports.models import Report
from tests.robustness.support import SEEDS

pytestmark = pytest.mark.django_db
SAMPLES = {
    "int": "1",
    "str": "530000",
    "division": "530000",
    "slug": "x",
    "path": "x",
    "uuid": "0" * 32,
}


def public_urls(patterns=None, prefix: str = "") -> list[str]:
    """One concrete URL per pattern in the URLconf, except the admin's."""
    urls = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("admin/"):
                continue
            urls += public_urls(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLES.get(m[1] or "str", "x"), route)
            urls.append("/" + route.lstrip("^").rstrip("$").replace("\\", ""))
    return urls


@pytest.fixture
def report(db) -> Report:
    call_command("load_reports", str(SEEDS[0]), stdout=io.StringIO())
    return Report.objects.get()


def test_the_urlconf_is_walked(report):
    urls = public_urls()
    assert "/api/reports" in urls and "/reports/1/" in urls and "/regions/530000/" in urls


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_no_public_url_accepts_a_write(client, report, method):
    answers = {
        url: getattr(client, method)(url, {"title": "x"}).status_code for url in public_urls()
    }
    assert {url: code for url, code in answers.items() if code not in (403, 405)} == {}
    assert Report.objects.get().title == report.title


def test_admin_is_for_staff_only(client, report):
    change = reverse("admin:reports_report_change", args=[report.pk])
    assert client.get(change).status_code == 302  # to the login page
    client.force_login(User.objects.create_user("reader", password="pw-123456-long"))
    response = client.get(change)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_admin_writes_need_a_csrf_token(report):
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.create_superuser("curator", password="pw-123456-long"))
    change = reverse("admin:reports_report_change", args=[report.pk])
    delete = reverse("admin:reports_report_delete", args=[report.pk])
    assert client.post(change, {"title": "changed"}).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Report.objects.get().title == report.title
    # The same client with the token reaches the admin (a form error page, not a 403).
    client.get(change)
    token = client.cookies["csrftoken"].value
    response = client.post(delete, {"post": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and not Report.objects.exists()
