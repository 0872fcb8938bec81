"""File names for a search's exports, made from the search's cleaned filter values:
`reports-云南省-2022.csv`."""

from __future__ import annotations

import re
from urllib.parse import quote

from lawreports.browsing.kinds import Kind
from lawreports.browsing.params import Selection

MAX_STEM = 80  # characters; file systems allow 255 bytes, three per Chinese character
_UNSAFE = re.compile(r'(?:[\x00-\x1f\x7f/\\:*?"<>|]|\s)+')


def export_filename(
    table: str, fmt: str, selection: Selection, query: str = "", *, part: int = 1
) -> str:
    """`table-value-value….fmt`: the filters' values as a person reads them, then the query."""
    words = [table, *_filter_words(selection)]
    if query := query.strip():
        words.append(query)
    if part > 1:
        words.append(f"part{part}")
    stem = "-".join(w for w in (_UNSAFE.sub("_", w).strip("_.") for w in words) if w)
    return f"{stem[:MAX_STEM].rstrip('-_.')}.{fmt}"


def _filter_words(selection: Selection) -> list[str]:
    """The labels of the filter values in force (values that cannot apply are left out)."""
    words = []
    for facet, chosen in selection.active():
        words += chosen.keys if facet.kind == Kind.RANGE else chosen.labels  # 2022, not 2022年
        if chosen.low is not None or chosen.high is not None:
            words.append(
                "-".join(str(b) if b is not None else "" for b in (chosen.low, chosen.high))
            )
    return words


def attachment_header(filename: str) -> str:
    """Content-Disposition for a download: an ASCII `filename` for old clients and the real
    name as RFC 5987 `filename*` (UTF-8, percent-encoded), which browsers prefer."""
    stem, dot, ext = filename.rpartition(".")
    ascii_words = [w for w in stem.split("-") if w.isascii() and w]
    fallback = "-".join(ascii_words).replace('"', "") + dot + ext
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
