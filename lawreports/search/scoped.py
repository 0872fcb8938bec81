"""Scoped search: a query restricted to the title, the issuer, the problems or the plans.

These fields are short, so they are matched where they are stored, with no index of their own:
each piece becomes a regular expression over the text *as written* that matches exactly where
the normalised, whitespace-free text contains the piece. normalize() maps character to
character, so a piece c1…cn occurs iff the raw text holds x1 g* x2 g* … xn where each xi is a
character normalising to ci and g is any character normalising to whitespace. Characters are
written as \\uXXXX escapes, which both PostgreSQL's and Python's (SQLite's REGEXP) regular
expressions read the same way.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db.models import Q

from lawreports.search import segmentation
from lawreports.search.query import Clause, ParsedQuery

SCOPES: dict[str, str] = {
    "title": "标题",
    "agency": "发布机关",
    "issues": "存在问题",
    "plans": "下一步计划",
}
ITEM_SCOPES = ("issues", "plans")

_lock = threading.Lock()
_preimages: dict[str, list[str]] | None = None
_gap: str | None = None


def clean_scope(value: str | None) -> str:
    """A known scope name, or "" (everywhere) for anything else."""
    return value if value in SCOPES else ""


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _char_class(chars: list[str]) -> str:
    """One character, or a bracket class with consecutive code points as ranges."""
    if len(chars) == 1:
        return _escape(chars[0])
    codes = sorted(map(ord, chars))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    body = "".join(
        _escape(chr(lo)) + ("" if lo == hi else "-" + _escape(chr(hi))) for lo, hi in ranges
    )
    return f"[{body}]"


def _tables() -> tuple[dict[str, list[str]], str]:
    """Normalised character → the raw characters that normalise to it (where not only itself),
    and the class of characters that normalise to whitespace. Built once (~0.3 s)."""
    global _preimages, _gap
    if _preimages is None:
        with _lock:
            if _preimages is None:
                changing = segmentation.changing_pattern()  # what normalize() may change
                chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
                chars = [ch for ch in chars if ch.isspace() or changing.fullmatch(ch)]
                outs = [segmentation.normalize(ch) for ch in chars]
                # CJK extension characters beyond the BMP, converted in one OpenCC call (a
                # character per line) rather than cached one by one in normalize()'s table.
                extension = [chr(c) for c in range(0x20000, 0x32000)]
                converted = segmentation.t2s_lines(extension)
                chars += extension
                outs += [
                    segmentation.map_char(ord(ch), out)
                    for ch, out in zip(extension, converted, strict=True)
                ]
                inverse: dict[str, list[str]] = defaultdict(list)
                spaces = []
                for ch, out in zip(chars, outs, strict=True):
                    if out.isspace():
                        spaces.append(ch)
                    elif out != ch:
                        inverse[out].append(ch)
                _gap = _char_class([ch for ch in spaces if ch != "\0"]) + "*"  # no NUL in text
                _preimages = dict(inverse)
    assert _gap is not None
    return _preimages, _gap


def piece_regex(text: str) -> str:
    """A regular expression over raw text matching where its normalised, whitespace-free
    form contains `text` (itself normalised and whitespace-free)."""
    preimages, gap = _tables()
    parts = []
    for ch in text:
        sources = [ch, *preimages.get(ch, ())]
        if segmentation.normalize(ch) != ch:  # e.g. an upper-case letter: never in a piece
            sources = preimages.get(ch, [])
        parts.append(_char_class(sources))
    return gap.join(parts)


def _term_q(pieces, fields: tuple[str, ...]) -> Q:
    q = Q()
    for piece in pieces:
        regex = piece_regex(piece.text)
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__regex": regex})
        q &= either
    return q


def _clause_q(clause: Clause, fields: tuple[str, ...]) -> Q:
    q = Q()
    for term in clause.terms:
        q |= _term_q(term.pieces, fields)
    return q


def condition(query: ParsedQuery, fields: tuple[str, ...]) -> Q:
    """The whole boolean query evaluated on one row: each term must occur in one of `fields`
    (AND of clauses, OR inside a clause, NOT for exclusions)."""
    q = Q()
    for clause in query.clauses:
        cq = _clause_q(clause, fields)
        q &= ~cq if clause.negated else cq
    return q


def item_condition(query: ParsedQuery) -> Q:
    """For Issue or Plan rows: the problem or plan itself matches the query."""
    return condition(query, ("headline", "text"))


def report_condition(query: ParsedQuery, scope: str) -> Q:
    """For Report rows: the report matches the query within `scope`."""
    if scope == "title":
        return condition(query, ("title",))
    if scope == "agency":
        return condition(query, ("agency__name",))
    from lawreports.reports.models import Issue, Plan

    model = Issue if scope == "issues" else Plan
    return Q(pk__in=model.objects.filter(item_condition(query)).values("report_id"))
