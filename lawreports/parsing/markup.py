"""Web pages saved as HTML: their visible text, one block per line.

Runs before cleaning; the stored original stays the raw page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_LIKE_HTML = re.compile(r"<(?:!doctype\s+html|html|body|div|p|br|table)\b", re.IGNORECASE)
# Elements whose content is never report text.
_INVISIBLE = {"script", "style", "head", "nav", "header", "footer", "noscript", "template"}
# Elements that end a line of text.
_BLOCKS = {
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "table", "ul", "ol", "blockquote", "pre", "hr", "title",
}  # fmt: skip


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_LIKE_HTML.search(text[:20000]))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # Source line breaks inside a paragraph are layout, not text.
            self.parts.append(data.replace("\r", "").replace("\n", ""))


def strip_markup(text: str) -> str:
    """The page's visible text with block elements on their own lines."""
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    lines = (line.strip() for line in "".join(collector.parts).split("\n"))
    return "\n".join(line for line in lines if line)
