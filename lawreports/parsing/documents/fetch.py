"""An http(s) address to bytes, politely: robots.txt respected, at most one request per
second per host (robots.txt and redirect hops included), a timeout, a size cap, a
User-Agent naming the archive, redirects followed (each hop checked again).

Failures raise FetchError (a ParseError) with a reason a person can read.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from lawreports.parsing.model import ParseError

USER_AGENT = "lawreports/0.1 (archive of annual rule-of-law government reports of China)"
ROBOTS_AGENT = "lawreports"  # the token robots.txt rules name
MAX_FETCH_BYTES = 50 * 1024 * 1024
MAX_ROBOTS_BYTES = 512 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 30.0  # seconds per connect/read; the whole download gets three times that
MIN_INTERVAL = 1.0  # seconds between two requests to one host


class FetchError(ParseError):
    """An address that could not be fetched (the message says why)."""


@dataclass
class Fetched:
    url: str  # the address asked for
    final_url: str  # after redirects
    data: bytes
    content_type: str | None


def is_address(text: str) -> bool:
    return text.startswith(("http://", "https://"))


class Fetcher:
    """One polite client; reuse it for a whole load so the per-host pace holds across it."""

    def __init__(
        self,
        *,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_FETCH_BYTES,
        min_interval: float = MIN_INTERVAL,
        user_agent: str = USER_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.min_interval = min_interval
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}  # host -> time of its last request
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "*/*"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # followed here, so each hop is paced and checked
            transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> Fetched:
        if not is_address(url):
            raise FetchError("not an http(s) address")
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            if not self._allowed(current):
                raise FetchError("refused by the site's robots.txt")
            status, location, content_type, data = self._get(current, self.max_bytes)
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status} ({_reason(status)})")
            return Fetched(url, current, data, content_type)
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")

    def _get(self, url: str, limit: int) -> tuple[int, str | None, str | None, bytes]:
        """(status, Location, Content-Type, body) of one paced GET; the body of a redirect
        or an error is not read."""
        self._wait_turn(urlsplit(url).netloc.lower())
        deadline = self._clock() + 3 * self.timeout
        try:
            with self._client.stream("GET", url) as response:
                status = response.status_code
                headers = response.headers
                if status >= 300:
                    return status, headers.get("location"), headers.get("content-type"), b""
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"too large ({declared} bytes; the limit is {limit})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"too large (more than {limit} bytes)")
                    if self._clock() > deadline:
                        raise FetchError(f"timed out (download took over {3 * self.timeout:g} s)")
                    chunks.append(chunk)
                return status, None, headers.get("content-type"), b"".join(chunks)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out (no answer within {self.timeout:g} s)") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {type(exc).__name__}: {exc}") from exc

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.min_interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        return rules is None or rules.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; None (all allowed) when it has none. Following RFC 9309, a
        robots.txt that exists but cannot be read (5xx, no answer) disallows everything."""
        try:
            status, location, _, data = self._get(f"{origin}/robots.txt", MAX_ROBOTS_BYTES)
            if status in (301, 302, 303, 307, 308) and location:
                target = urljoin(f"{origin}/robots.txt", location)
                status, _, _, data = self._get(target, MAX_ROBOTS_BYTES)
        except FetchError as exc:
            if str(exc).startswith("too large"):
                return None  # RFC 9309: rules past the cap may be ignored
            raise FetchError(f"cannot read the site's robots.txt: {exc}") from exc
        if 400 <= status < 500 or 300 <= status < 400:
            return None
        if status >= 500:
            raise FetchError(f"the site's robots.txt answers HTTP {status}; not fetching")
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(data.decode("utf-8", "replace").splitlines())
        return rules


def _reason(status: int) -> str:
    try:
        return httpx.codes(status).phrase
    except ValueError:
        return "error"
