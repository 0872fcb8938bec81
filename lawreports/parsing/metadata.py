"""The page's metadata header (索引号, 发布日期, 信息来源 …) in all the forms sites print it.

Forms handled: "key:value", "key:value", "key value", "keyvalue", several keys on one
line, and a key alone on its line with the value on the next (separator lines between).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from lawreports.parsing.dates import parse_date
from lawreports.parsing.vocabulary import (
    INLINE_CHROME_RE,
    METADATA_KEY_RE,
    METADATA_KEYS,
    VALIDITY_WORDS,
)

_MAX_LINE = 100
_LOOKAHEAD = 3
_INDEX_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/\-._]{3,40}$")
_NAME_BAD_RE = re.compile(r"[,。;]|报告")
# First characters of the keys: a metadata line starts with a key (METADATA_KEY_RE.match).
_KEY_STARTS = frozenset(key[0] for key in METADATA_KEYS)


@dataclass
class Metadata:
    index_no: str | None = None
    publisher: str | None = None
    doc_no: str | None = None
    published_on: str | None = None  # ISO
    source: str | None = None
    written_on: str | None = None  # ISO
    issued_on: str | None = None  # ISO, 发文日期: the stamp when the page has no other
    topic: str | None = None
    validity: str | None = None

    def set_once(self, name: str, value: str) -> None:
        if getattr(self, name) is None:
            setattr(self, name, value)

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


def _valid(field_name: str, value: str) -> str | None:
    """The value in stored form, or None when it cannot be this field's value."""
    value = value.strip(" :-")
    if not value:
        return None
    if field_name in ("published_on", "written_on", "issued_on"):
        return parse_date(value)
    if field_name == "index_no":
        return value if _INDEX_RE.match(value) else None
    if field_name == "validity":
        return value if value in VALIDITY_WORDS else None
    if field_name in ("publisher", "source", "topic"):
        return value if len(value) <= 40 and not _NAME_BAD_RE.search(value) else None
    if field_name == "doc_no":
        return value if len(value) <= 40 and "。" not in value else None
    return value


def _pairs(line: str) -> list[tuple[str, str]] | None:
    """(field, raw value) pairs of a metadata line, or None when it is not one."""
    if len(line) > _MAX_LINE or not METADATA_KEY_RE.match(line):
        return None
    keys = list(METADATA_KEY_RE.finditer(line))
    pairs = []
    for k, nxt in zip(keys, [*keys[1:], None], strict=True):
        raw = line[k.end() : nxt.start() if nxt else len(line)]
        key = re.sub(r"\s+", "", k[1])
        pairs.append((METADATA_KEYS[key], INLINE_CHROME_RE.sub("", raw).strip()))
    field_name, first = pairs[0]
    if first and _valid(field_name, first) is None and len(keys) == 1:
        return None  # prose that happens to start with a key word ("来源于…")
    return pairs


def read_metadata(analysis: list[str]) -> tuple[Metadata, set[int]]:
    """Metadata found in the (analysis copy) lines, and the indexes of lines it used."""
    meta = Metadata()
    used: set[int] = set()
    for i, line in enumerate(analysis):
        if i in used or line[:1] not in _KEY_STARTS:  # cheap "no" for the body lines
            continue
        pairs = _pairs(line)
        if pairs is None:
            continue
        used.add(i)
        for field_name, raw in pairs:
            if raw:
                value = _valid(field_name, raw)
            elif len(pairs) == 1:
                value = _value_below(analysis, i, field_name, used)
            else:
                value = None
            if value:
                meta.set_once(field_name, value)
    return meta, used


def _value_below(analysis: list[str], i: int, field_name: str, used: set[int]) -> str | None:
    """A key alone on its line: its value may follow, past separator lines like "-"."""
    for j in range(i + 1, min(i + 1 + _LOOKAHEAD, len(analysis))):
        candidate = analysis[j].strip()
        if not candidate or not any(c.isalnum() for c in candidate):
            continue
        if METADATA_KEY_RE.match(candidate):
            return None
        value = _valid(field_name, candidate)
        if value:
            used.add(j)
        return value
    return None
