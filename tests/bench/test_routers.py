"""Reads go to a replica, writes (and reads that must see them) to the primary.

"replica_0" is configured here as Django's test mirror of "default": a second connection to
the same test database, which is what a streaming replica looks like to the application.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from lawreports.reports.models import Region
from lawreports.routers import PIN_COOKIE, PrimaryAfterWriteMiddleware, ReplicaRouter

ROUTERS = ["lawreports.routers.ReplicaRouter"]
REPLICA = "replica_0"  # declared as a TEST MIRROR of default in conftest.py


@pytest.fixture
def replica() -> Iterator[str]:
    """Route through ReplicaRouter; replica_0 is the TEST MIRROR declared in conftest.py."""
    with override_settings(DATABASE_ROUTERS=ROUTERS):
        yield REPLICA


def _sql_on(alias: str, action) -> list[str]:
    with CaptureQueriesContext(connections[alias]) as captured:
        action()
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
def test_reads_go_to_the_replica_and_writes_to_the_primary(replica):
    on_primary = _sql_on(
        "default", lambda: Region.objects.create(code="990000", name="测试省", level="province")
    )
    assert any(sql.startswith("INSERT") for sql in on_primary)

    read = []
    on_replica = _sql_on(replica, lambda: read.extend(Region.objects.filter(code="990000")))
    assert [r.name for r in read] == ["测试省"]  # committed on the primary, seen on the mirror
    assert any("reports_region" in sql for sql in on_replica)
    assert Region.objects.all().db == replica


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
def test_reads_inside_a_write_transaction_stay_on_the_primary(replica):
    with transaction.atomic():
        Region.objects.create(code="990100", name="测试市", level="province")
        on_replica = _sql_on(replica, lambda: Region.objects.get(code="990100"))
    assert on_replica == []  # the replica could not have seen the uncommitted row


def test_router_without_replicas_uses_the_primary(monkeypatch):
    monkeypatch.setattr("lawreports.routers.replica_aliases", lambda: [])
    router = ReplicaRouter()
    assert router.db_for_read(Region) == "default"
    assert router.db_for_write(Region) == "default"
    assert router.allow_migrate("default", "reports")
    assert not router.allow_migrate("replica_0", "reports")


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
def test_a_writing_request_and_the_next_ones_read_from_the_primary(replica):
    seen: list[str] = []

    def view(request) -> HttpResponse:
        seen.append(Region.objects.all().db)
        return HttpResponse("ok")

    middleware = PrimaryAfterWriteMiddleware(view)
    factory = RequestFactory()
    response = middleware(factory.post("/admin/"))
    assert PIN_COOKIE in response.cookies
    follow = factory.get("/reports/")
    follow.COOKIES[PIN_COOKIE] = response.cookies[PIN_COOKIE].value
    middleware(follow)
    middleware(factory.get("/reports/"))  # another client: no cookie
    assert seen == ["default", "default", replica]


@pytest.mark.django_db(transaction=True, databases=["default", "replica_0"])
def test_a_ranked_search_with_filters_reads_only_from_its_replica(replica, seeds_dir):
    """Every statement of a list request (facet columns, the match, the ranking, the page)
    runs on the replica the request started on; none on the primary."""
    from django.test import Client

    from lawreports.search import cache

    with override_settings(DATABASE_ROUTERS=[]):
        call_command("load_reports", str(seeds_dir), stdout=StringIO())
    cache.clear()
    middleware = ["lawreports.routers.PrimaryAfterWriteMiddleware", *settings.MIDDLEWARE]
    client = Client()
    with override_settings(MIDDLEWARE=middleware):
        for params in (
            {"q": "行政复议", "province": ["云南省", "河南省"], "sort": "relevance"},
            {"q": "法治", "year_from": "2020", "page": "1"},
            {"agency_kind": "government"},
        ):
            on_primary: list[str] = []

            def get(params: dict = params, on_primary: list[str] = on_primary) -> None:
                on_primary.extend(_sql_on("default", lambda: client.get("/reports/", params)))

            on_replica = _sql_on(replica, get)
            assert on_primary == [], params
            assert any("reports_report" in sql for sql in on_replica)
            if "q" in params:
                assert any("ts_rank" in sql or "bm25" in sql or "rank" in sql.lower()
                           for sql in on_replica)  # fmt: skip
