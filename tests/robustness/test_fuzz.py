"""Whatever a client puts in a URL gives a page, a 404 or a 400, never a 500."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.robustness.support import SEEDS

pytestmark = pytest.mark.django_db

PARAMS = ["q", "page", "year", "province", "prefecture", "county", "level", "agency_kind",
          "has_issues", "sort", "script", "format"]  # fmt: skip
NASTY = [
    "", "-1", "0", "abc", "1e9", "99999999999999999999", "NaN", "-0", "1.5", "１２", "२",
    "<script>alert(1)</script>", "&lt;", "\x00", "%00", "\u202e", "' OR 1=1 --", '"', "\\",
    "法治", "云南省", "530000", "530000000000000000000", "true", "maybe", "🙂", "\ud7ff",
    "a" * 5000, "法" * 3000, "OR OR", '"法治', "-法治", "county", "../../etc/passwd",
]  # fmt: skip
value = st.one_of(st.sampled_from(NASTY), st.text(max_size=30))
query = st.dictionaries(st.sampled_from(PARAMS), value, max_size=5)
SLOW_FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def two_reports(db):
    call_command("load_reports", str(SEEDS[0]), str(SEEDS[4]), stdout=io.StringIO())


def assert_no_server_error(client: Client, path: str, params: dict | None = None) -> None:
    # Django's client raises the view's exception itself, so a 500 fails loudly either way.
    response = client.get(path, params or {})
    assert response.status_code in (200, 301, 302, 400, 404), (path, params)


@pytest.mark.parametrize("name", PARAMS)
def test_each_parameter_survives_every_nasty_value(client, two_reports, name):
    # With a query: ranking search hits compiles the filtered query itself (see service.py).
    for nasty in NASTY:
        assert_no_server_error(client, "/api/reports", {"q": "法治", name: nasty})


@pytest.mark.parametrize("nasty", ["abc", "-1", "<script>", "\x00", "🙂"])
def test_every_parameter_at_once(client, two_reports, nasty):
    assert_no_server_error(client, "/reports/", dict.fromkeys(PARAMS, nasty))


@SLOW_FUZZ
@given(params=query)
def test_list_page_survives_random_parameters(client, two_reports, params):
    assert_no_server_error(client, "/reports/", params)


@SLOW_FUZZ
@given(params=query)
def test_api_survives_random_parameters(client, two_reports, params):
    assert_no_server_error(client, "/api/reports", params)


@pytest.mark.parametrize(
    "path",
    [
        "/reports/0/", "/reports/99999999999999999999/", "/reports/99999999999999999999/original.txt",
        "/years/0/", "/years/99999999999999999999/", "/years/2022/", "/regions/%00/",
        "/regions/%3Cscript%3E/", "/regions/530000/", "/regions/" + "9" * 300 + "/",
        "/reports/?q=%ED%A0%80", "/api/reports?page=%FF%FE",
    ],
)  # fmt: skip
def test_odd_paths_never_fail(client, two_reports, path):
    assert_no_server_error(client, path)
