"""Production settings: check --deploy clean, secret required, headers, gunicorn + whitenoise."""

from __future__ import annotations

import io
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.robustness.support import REPO, SEEDS, manage

PRODUCTION = {"LAWREPORTS_PRODUCTION": "1", "SECRET_KEY": secrets.token_urlsafe(50)}


def production_env(**extra: str) -> dict[str, str]:
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last: e2e tests set it
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    return {**env, **PRODUCTION, "PYTHONPATH": str(REPO), **extra}


def test_check_deploy_is_clean_in_production():
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout and "WARNING" not in done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr and "SECRET_KEY" in done.stderr


@pytest.fixture
def seeded(db):
    call_command("load_reports", *map(str, SEEDS), stdout=io.StringIO())
    from lawreports.reports.models import Report

    return Report.objects.order_by("pk").first()


def test_security_headers_on_every_page(client, seeded):
    response = client.get(reverse("reports:list"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert client.get(reverse("reports:api_reports"))["Content-Security-Policy"] == csp


INLINE_CODE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)


def test_pages_have_no_inline_code_so_the_policy_breaks_nothing(client, seeded, admin_client):
    report = seeded
    urls = [
        reverse("reports:home"),
        reverse("reports:list") + "?q=法治",
        report.get_absolute_url(),
        report.region_path()[0].get_absolute_url(),
        reverse("reports:year", args=[report.year]),
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert not INLINE_CODE.search(html), (url, INLINE_CODE.search(html))
    # The admin's own templates load scripts from files too (data sits in JSON blocks).
    html = admin_client.get(reverse("admin:reports_report_change", args=[report.pk])).content
    found = [m for m in INLINE_CODE.findall(html.decode()) if "application/json" not in m]
    assert found == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_serves_pages_and_compressed_static_files(tmp_path, sqlite_file_db):
    env = production_env(DATABASE_URL=sqlite_file_db, STATIC_ROOT=str(tmp_path / "static"))
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=REPO, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert collect.returncode == 0, collect.stderr
    assert manage("load_reports", str(SEEDS[0]), db_url=sqlite_file_db).returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lawreports.wsgi"],
        cwd=REPO,
        env={
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_ACCESS_LOG": "",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        page = fetch(base + "/reports/", wait=True)
        page_html = page.read().decode()
        assert page.status == 200 and "法治" in page_html
        assert page.headers["Strict-Transport-Security"].startswith("max-age=")
        css = fetch(base + "/static/css/site.css", {"Accept-Encoding": "gzip"})
        assert css.status == 200 and css.headers["Content-Encoding"] == "gzip"
        assert "immutable" not in css.headers.get("Cache-Control", "")  # unhashed name
        hashed = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", page_html)
        assert hashed and "immutable" in fetch(base + hashed[0]).headers["Cache-Control"]
    finally:
        server.terminate()
        server.wait(timeout=20)


def fetch(url: str, headers: dict[str, str] | None = None, *, wait: bool = False):
    # The proxy in front says the client used HTTPS; without it Django redirects to https.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    deadline = time.monotonic() + (20 if wait else 0)
    while True:
        try:
            return urllib.request.urlopen(request, timeout=10)
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
