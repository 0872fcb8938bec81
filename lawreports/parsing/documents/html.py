"""A portal page: its main text, and the title, publication stamp and source the page
itself carries (meta tags, <h1>, the 发布时间/来源 bar), for reports whose text has none.

The main text comes from trafilatura, compared with the markup stage (markup.py: every
visible block but <nav>/<header>/<footer>) on the seeds wrapped in three portal layouts
(bench/html_extractors.py, numbers in bench/RESULTS.md): the markup stage kept side lists
of other reports' titles ("热点信息") that stand before the article in old table layouts and
took one for the title; trafilatura found the article on every page once a page laid out
in one big table is read without its table handling (with it, the whole article became
one table row). It drops the <h1>, which the page's own metadata below supplies. Pages
trafilatura finds no article in fall back to the markup stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawreports.parsing.dates import parse_date
from lawreports.parsing.markup import strip_markup
from lawreports.parsing.metadata import read_metadata
from lawreports.parsing.normalise import analysis_copy, analysis_lines, count_cjk

# Meta tags naming the article's title, date and source: the 政府网站 CMS convention
# (ArticleTitle, PubDate, ContentSource), Open Graph and common alternatives.
_TITLE_META = ("articletitle", "og:title", "title", "dc.title")
_DATE_META = (
    "pubdate", "publishdate", "publish_date", "publishdate", "firstpublishedtime",
    "article:published_time", "og:release_date", "datepublished", "dc.date", "dc.date.issued",
)  # fmt: skip
_SOURCE_META = ("contentsource", "source")
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s|--)\s*")
_MAX_TITLE = 100
_BAR_MAX = 120  # a publication bar is a short line
_MIN_ARTICLE_CJK = 100  # less from trafilatura: no article found, read every block


@dataclass
class PageMeta:
    """What a page says about itself, outside the report's text."""

    title: str | None = None
    published_on: str | None = None  # ISO date
    source: str | None = None


def read_page(page: str) -> tuple[str, PageMeta]:
    """The page's main text (one block per line) and its own metadata."""
    visible = strip_markup(page)
    return main_text(page) or visible, page_meta(page, visible)


def main_text(page: str) -> str | None:
    """The article's text by trafilatura, or None when it finds none."""
    import trafilatura

    text = trafilatura.extract(page, include_tables=True, include_comments=False) or ""
    if _is_layout_table(text):
        text = trafilatura.extract(page, include_tables=False, include_comments=False) or ""
    if count_cjk(text) < _MIN_ARTICLE_CJK:
        return None
    # A table row as its cells, space-separated, like Word tables (word.py).
    return "\n".join(
        " ".join(c.strip() for c in line.strip("|").split("|") if c.strip())
        if line.startswith("|")
        else line
        for line in text.split("\n")
    )


def _is_layout_table(text: str) -> bool:
    """The article came out as table rows holding most of the text: a page laid out in a
    table, not a table in the report."""
    rows = [line for line in text.split("\n") if line.startswith("|")]
    return sum(map(len, rows)) > len(text) / 2


def page_meta(page: str, text: str | None = None) -> PageMeta:
    """Title, publication date and source from the page's tags and its publication bar."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError):
        return PageMeta()
    metas = _meta_tags(tree)
    title = _first_title(
        [metas.get(name) for name in _TITLE_META]
        + [_text(h) for h in tree.iter("h1")]
        + _title_parts(tree)
    )
    published = next(
        (d for d in (parse_date(metas[n]) for n in _DATE_META if metas.get(n)) if d), None
    )
    published = published or next(
        (d for d in (parse_date(t.get("datetime") or _text(t)) for t in tree.iter("time")) if d),
        None,
    )
    source = next((metas[n].strip() for n in _SOURCE_META if metas.get(n, "").strip()), None)
    if published is None or source is None:
        # The publication bar: "发布时间:2023-02-07 来源:XX 浏览次数:…" above the text.
        bar, _ = read_metadata(analysis_lines(_bar_pieces(text or strip_markup(page))))
        published = published or bar.published_on
        source = source or bar.source
    return PageMeta(title=title, published_on=published, source=source)


def _bar_pieces(text: str) -> list[str]:
    """Short lines cut at spaces: a publication bar strings its stamps on one line, after a
    date or before a visit counter ("2023-02-07 来源：XX 阅读次数：892")."""
    pieces: list[str] = []
    for line in text.split("\n"):
        pieces += line.split() if len(line) <= _BAR_MAX else [line]
    return pieces


def _meta_tags(tree) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and key not in found:
            found[key] = content.strip()
    return found


def _text(element) -> str:
    return " ".join(element.text_content().split())


def _title_parts(tree) -> list[str]:
    """<title> and its parts: sites append their name ("报告_XX市人民政府")."""
    title = tree.find(".//title")
    if title is None or not title.text_content().strip():
        return []
    whole = " ".join(title.text_content().split())
    return [*_TITLE_SPLIT_RE.split(whole), whole]


def _first_title(candidates: list[str | None]) -> str | None:
    """The first candidate that reads as a report's title (the parser's own test)."""
    from lawreports.parsing.agency import is_title

    for candidate in candidates:
        if candidate and len(candidate) <= _MAX_TITLE and is_title(analysis_copy(candidate)):
            return candidate.strip()
    return None
