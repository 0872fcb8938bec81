"""Every main page at phone and desktop width: fits, weighs little, stays on this server.

One survey visits the pages once, with the seeds loaded once for the module; the tests read it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from browsing import ARTIFACTS, DESKTOP, PHONE, load_seeds

pytestmark = pytest.mark.e2e

MAX_PAGE_BYTES = 100_000  # HTML + CSS + JS, before images
TEXT_TYPES = {"document", "stylesheet", "script"}
# src/href/action naming a scheme or a host, i.e. anything but this server's own paths
FOREIGN_ATTR = re.compile(
    r"""\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.I
)
SCREENSHOTS = ("home", "list", "detail")


@dataclass
class Visit:
    name: str
    viewport: str
    scroll_width: int = 0
    text_bytes: int = 0
    requests: list[str] = field(default_factory=list)
    foreign_attrs: list[str] = field(default_factory=list)


def page_paths() -> dict[str, str]:
    from lawreports.reports.models import Report

    longest = max(Report.objects.all(), key=lambda r: len(r.original_text))
    return {
        "home": "/",
        "list": "/reports/?q=" + quote("法律顾问"),
        "detail": longest.get_absolute_url(),
        "detail-traditional": Report.objects.get(script="traditional").get_absolute_url(),
        "region": longest.region_path()[-1].get_absolute_url(),
        "year": f"/years/{longest.year}/",
    }


def visit(context, url: str, name: str, viewport: str) -> Visit:
    result = Visit(name, viewport)
    responses = []
    page = context.new_page()
    page.on("request", lambda request: result.requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="load")
    result.scroll_width = page.evaluate("document.documentElement.scrollWidth")
    result.text_bytes = sum(
        len(r.body()) for r in responses if r.request.resource_type in TEXT_TYPES and r.ok
    )
    result.foreign_attrs = FOREIGN_ATTR.findall(page.content())
    if name in SCREENSHOTS:
        page.screenshot(path=ARTIFACTS / f"{name}-{viewport}.png", full_page=True)
    page.close()
    return result


@pytest.fixture(scope="module")
def survey(browser, live_server, django_db_setup, django_db_blocker) -> list[Visit]:
    """Screenshots of home, list and detail land in test-artifacts/. The seeds are committed
    outside any test; the first test's transactional flush removes them again."""
    ARTIFACTS.mkdir(exist_ok=True)
    visits = []
    with django_db_blocker.unblock():
        load_seeds()
        paths = page_paths()
        for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
            context = browser.new_context(viewport=viewport, locale="zh-CN")
            visits += [visit(context, live_server.url + p, n, label) for n, p in paths.items()]
            context.close()
    return visits


def test_no_horizontal_scroll_on_a_phone(survey):
    wide = {v.name: v.scroll_width for v in survey if v.viewport == "phone"}
    assert wide and all(width <= PHONE["width"] for width in wide.values()), wide


def test_pages_weigh_under_100_kb_before_images(survey):
    weights = {v.name: v.text_bytes for v in survey if v.viewport == "desktop"}
    assert all(0 < w < MAX_PAGE_BYTES for w in weights.values()), weights


def test_every_request_goes_to_this_server(survey, live_server):
    host = urlsplit(live_server.url).netloc
    foreign = {u for v in survey for u in v.requests if urlsplit(u).netloc != host}
    assert not foreign
    assert all(v.requests for v in survey)
    assert not [(v.name, v.foreign_attrs) for v in survey if v.foreign_attrs]


def test_screenshots_are_saved(survey):
    for name in SCREENSHOTS:
        for viewport in ("phone", "desktop"):
            shot = ARTIFACTS / f"{name}-{viewport}.png"
            assert shot.stat().st_size > 5_000, shot
