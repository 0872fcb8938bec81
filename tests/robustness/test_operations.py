"""Operations: error pages, the database going away or locked, sign-in throttling, files
that are not files."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import RequestFactory
from django.views.defaults import server_error

from lawreports.parsing import ParseError, parse_file
from lawreports.parsing.documents import MAX_DOCUMENT_BYTES
from lawreports.parsing.files import read_report_file
from tests.robustness.support import REPO, SEEDS, database_url, manage
from tests.robustness.test_deploy import free_port

LAYOUT = ("法治报告库", 'class="site-header"', "/static/css/site.css")


def assert_site_page(html: str) -> None:
    for marker in LAYOUT:
        assert marker in html, marker


@pytest.mark.django_db
def test_not_found_is_a_chinese_page_in_the_sites_layout(client):
    for url in ("/reports/987654321/", "/no-such-page/", "/regions/99/"):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "页面不存在" in html and 'lang="zh-Hans"' in html, url
        assert_site_page(html)


def test_server_error_is_a_chinese_page_in_the_sites_layout():
    response = server_error(RequestFactory().get("/"))  # Django's handler500 with our template
    html = response.content.decode()
    assert response.status_code == 500 and "出错了" in html
    assert_site_page(html)


@contextmanager
def gunicorn(db_url: str, **env: str):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "lawreports.wsgi"],
        cwd=REPO,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "LAWREPORTS_PRODUCTION")},
            "PYTHONPATH": str(REPO),
            "DATABASE_URL": db_url,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESS_LOG": "",
            **env,
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,  # an unread pipe would fill up and stall the worker
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(url: str, *, tries: int = 100) -> tuple[int, dict[str, str], str]:
    """(status, headers, body); waits for the server to come up."""
    for attempt in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()
        except urllib.error.URLError:
            if attempt == tries - 1:
                raise
            subprocess.run(["sleep", "0.2"])
    raise AssertionError("unreachable")


def test_a_database_that_is_away_gives_a_friendly_503():
    # Nothing listens on the port: every connection attempt is refused.
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/lawreports"
    with gunicorn(dead, WEB_CONCURRENCY="1") as base:
        status, headers, html = get(base + "/reports/?q=%E6%B3%95%E6%B2%BB")
    assert status == 503 and headers["Retry-After"].isdigit()
    assert "暂时无法访问" in html
    assert_site_page(html)


@pytest.fixture
def pg_url(postgres_only, transactional_db) -> str:
    return database_url()


def test_a_long_lock_costs_a_web_request_a_503_not_a_hung_worker(pg_url):
    import psycopg

    with gunicorn(pg_url, WEB_CONCURRENCY="1", WEB_STATEMENT_TIMEOUT="1s") as base:
        assert get(base + "/reports/")[0] == 200
        with psycopg.connect(pg_url.replace("postgres://", "postgresql://")) as locker:
            locker.execute("LOCK TABLE reports_report IN ACCESS EXCLUSIVE MODE")
            status, _, html = get(base + "/reports/")
            assert status == 503 and "暂时无法访问" in html
            locker.rollback()
        assert get(base + "/reports/")[0] == 200  # the same worker, serving again


def test_commands_have_no_web_statement_timeout(pg_url):
    code = "from django.db import connection as c; c.ensure_connection(); "
    code += "print('timeout', c.cursor().execute('SHOW statement_timeout').fetchone()[0])"
    done = manage("shell", "-c", code, db_url=pg_url)
    assert done.returncode == 0, done.stderr
    assert "timeout 0" in done.stdout.splitlines()


def test_a_worker_reconnects_after_the_database_drops_its_connection(pg_url):
    import psycopg

    with gunicorn(pg_url, WEB_CONCURRENCY="1", CONN_MAX_AGE="600") as base:
        assert get(base + "/reports/")[0] == 200
        name = pg_url.rsplit("/", 1)[1]
        with connection.cursor() as cursor:  # this test's own connection stays
            cursor.execute("SELECT pg_backend_pid()")
            own = cursor.fetchone()[0]
        with psycopg.connect(pg_url.replace("postgres://", "postgresql://")) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = %s AND pid NOT IN (pg_backend_pid(), %s)",
                [name, own],
            ).fetchone()[0]
        assert killed >= 1  # the worker's kept connection is gone, as after a restart
        status, _, html = get(base + "/reports/")
        assert status == 200 and "法治报告库" in html


@pytest.mark.django_db
def test_admin_sign_in_is_throttled(client, settings):
    User.objects.create_superuser("curator", password="right-password-123")
    login = "/admin/login/?next=/admin/"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "curator", "password": "guess"})
        assert response.status_code == 200  # the form again, with an error
    # a success before the limit still works, and resets the count
    ok = client.post(login, {"username": "curator", "password": "right-password-123"})
    assert ok.status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": "curator", "password": "guess"})
    locked = client.post(login, {"username": "curator", "password": "right-password-123"})
    assert locked.status_code == 429 and "登录已暂停" in locked.content.decode()
    assert f"请 {round(settings.AXES_COOLOFF_TIME * 60)} 分钟后再试" in locked.content.decode()
    assert client.get("/admin/").status_code == 302  # not signed in
    # another address is not locked out by these guesses
    other = client.post(
        login, {"username": "curator", "password": "right-password-123"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_special_files_are_refused_by_name(tmp_path, sqlite_file_db):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    # Each would hang (FIFO without a writer) or read forever (/dev/zero): a timeout fails it.
    done = manage(
        "load_reports", str(fifo), "/dev/zero", str(SEEDS[0]), db_url=sqlite_file_db, timeout=120
    )
    assert done.returncode != 0
    assert "report.fifo: not a regular file (a FIFO)" in done.stderr
    assert "/dev/zero: not a regular file (a character device)" in done.stderr
    assert "loaded 1," in done.stdout  # the real report still loads
    with pytest.raises(ParseError, match="not a regular file"):
        parse_file(tmp_path)


def test_the_read_itself_is_capped(tmp_path):
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # claims 2 GB; parse_file has no size check of its own
    tracemalloc.start()
    try:
        with pytest.raises(ParseError, match="file too large"):
            parse_file(sparse)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MAX_DOCUMENT_BYTES + 8 * 1024 * 1024  # the cap, not the 2 GB
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 101)
    assert read_report_file(small, limit=101) == b"x" * 101
    with pytest.raises(ParseError, match="file too large"):
        read_report_file(small, limit=100)
