"""Addresses: fetched politely from a web server on 127.0.0.1 started by the test (nothing
leaves the machine); the same documents load by address as from files."""

from __future__ import annotations

import httpx
import pytest
from document_fixtures import LocalSite, assert_truth, built, seeds

from lawreports.parsing import ParseError, parse_address
from lawreports.parsing.documents.fetch import Fetcher, FetchError

SEEDS = seeds()


@pytest.fixture(scope="module")
def site():
    files = {path.name: path for forms in built().values() for path in forms.values()}
    with LocalSite(files, slow_seconds=2.0) as served:
        yield served


@pytest.fixture
def fetcher():
    # The pace between requests is tested below with a clock of its own.
    with Fetcher(min_interval=0, timeout=1.0) as polite:
        yield polite


@pytest.mark.parametrize("form", ["pdf", "docx", "html-trs", "html-xxgk", "html-html5"])
@pytest.mark.parametrize("seed", SEEDS, ids=[s.file[:3] for s in SEEDS])
def test_every_form_loads_by_address(site, fetcher, seed, form):
    url = site.url(built()[seed.file][form].name)
    report = parse_address(url, fetcher=fetcher)
    assert_truth(report, seed.expected)
    assert report.source_url == url and report.file == url


def test_user_agent_names_the_archive_and_robots_txt_is_read_first(site, fetcher):
    site.log.clear()
    fetcher.fetch(site.url(built()[SEEDS[0].file]["docx"].name))
    paths = [path for path, _ in site.log]
    assert paths[0] == "/robots.txt" and len(paths) == 2
    assert all("lawreports" in agent for _, agent in site.log)


def test_pdf_served_as_octet_stream_is_still_a_pdf(site, fetcher):
    fetched = fetcher.fetch(site.url(built()[SEEDS[2].file]["pdf"].name))
    assert fetched.content_type == "application/octet-stream"
    report = parse_address(fetched.url, fetcher=fetcher)
    assert report.encoding == "pdf" and report.agency == SEEDS[2].expected["agency"]


def test_redirects_are_followed_and_the_address_asked_for_is_kept(site, fetcher):
    name = built()[SEEDS[1].file]["html-trs"].name
    fetched = fetcher.fetch(site.url(name, folder="old"))
    assert fetched.final_url == site.url(name)
    report = parse_address(site.url(name, folder="old"), fetcher=fetcher)
    assert report.source_url == site.url(name, folder="old")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "HTTP 404 (Not Found)"),
        ("/slow", "timed out"),
        ("/home", "no report text"),
    ],
)
def test_failures_are_named(site, fetcher, path, reason):
    with pytest.raises(ParseError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_address(site.base + path, fetcher=fetcher)


def test_robots_txt_is_respected(site, fetcher):
    name = built()[SEEDS[0].file]["docx"].name
    site.log.clear()
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch(site.url(name, folder="private"))
    assert not any(path.startswith("/private/") for path, _ in site.log)


def test_size_cap(site):
    with (
        Fetcher(min_interval=0, max_bytes=10_000) as small,
        pytest.raises(FetchError, match="too large"),
    ):
        small.fetch(site.url(built()[SEEDS[0].file]["pdf"].name))


def test_not_an_address():
    with pytest.raises(FetchError, match="not an http"):
        Fetcher().fetch("ftp://example.org/report.pdf")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_at_most_one_request_per_second_per_host():
    """Requests (robots.txt and redirect hops included) to one host are a second apart;
    another host does not wait for it. The clock is the test's: no real waiting."""
    clock = FakeClock()
    seen: list[tuple[str, float]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, clock.now))
        clock.now += 0.05  # the server's time to answer
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/old":
            return httpx.Response(302, headers={"Location": "/new"})
        return httpx.Response(200, text="报告")

    transport = httpx.MockTransport(answer)
    with Fetcher(clock=clock, sleep=clock.sleep, transport=transport) as polite:
        polite.fetch("http://a.example/old")
        polite.fetch("http://a.example/other")
        polite.fetch("http://b.example/x")
    hosts = [host for host, _ in seen]
    assert hosts == ["a.example"] * 4 + ["b.example"] * 2
    times_a = [t for host, t in seen if host == "a.example"]
    assert all(later - earlier >= 1.0 for earlier, later in zip(times_a, times_a[1:], strict=False))
    first_b = next(t for host, t in seen if host == "b.example")
    assert first_b - times_a[-1] < 1.0  # b is not held back by a's pace


def test_unreachable_robots_txt_means_no_fetch():
    """RFC 9309: a robots.txt that answers 5xx disallows the whole site."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503 if request.url.path == "/robots.txt" else 200, text="报告")

    polite = Fetcher(min_interval=0, transport=httpx.MockTransport(answer))
    with polite, pytest.raises(FetchError, match="robots.txt answers HTTP 503"):
        polite.fetch("http://c.example/report.html")
