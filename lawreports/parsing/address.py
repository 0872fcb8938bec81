"""A report published at an address: fetched politely (documents/fetch.py), then parsed
like a file of the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawreports.parsing.model import ParsedReport
from lawreports.parsing.pipeline import parse_bytes

if TYPE_CHECKING:  # httpx is imported only when an address is fetched
    from lawreports.parsing.documents.fetch import Fetcher


def parse_address(url: str, *, fetcher: Fetcher | None = None) -> ParsedReport:
    """Fetch `url` and parse it; raises ParseError (FetchError) naming why not."""
    if fetcher is None:
        from lawreports.parsing.documents.fetch import Fetcher

        with Fetcher() as own:
            return parse_address(url, fetcher=own)
    fetched = fetcher.fetch(url)
    return parse_bytes(
        fetched.data, filename=url, content_type=fetched.content_type, source_url=url
    )
