"""User query syntax → a small AST of substring pieces.

Syntax: terms separated by spaces must all occur; "…" or “…” is a term that may hold spaces;
OR between two terms makes either enough; -term or -"…" excludes. Everything else is text.

Every term is one piece: its normalised, whitespace-free text (punctuation at its ends
dropped), which must occur in the report's normalised text as written. Quoted or not, a term
means the same reports (司法所 finds the reports that say 司法所, not every one that says 司法);
quotes only let a term hold spaces. The term's search-mode words still rank the matches.
Backends answer a piece from the index where the index is exact (a two-character piece is its
own bigram; an indexed word) and verify the rest on the stored text, retrieving candidates by
the piece's character bigrams.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lawreports.search import segmentation

MAX_QUERY_CHARS = 256
MAX_TERMS = 20
OPEN_QUOTES = {'"': '"”', "“": '”"', "＂": '＂"”', "「": "」", "『": "』"}
MINUS = "-－"


class SearchQueryError(ValueError):
    """A query that cannot be searched; `message` is shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Piece:
    text: str  # normalised, whitespace-free
    grams: tuple[str, ...]  # empty when the piece has a single letter/digit

    @property
    def is_word(self) -> bool:
        """Letters/digits only: the piece can also be looked up as an indexed word."""
        return len(self.text) > 1 and self.text.isalnum()

    @property
    def exact_by_grams(self) -> bool:
        """A two-character piece is its own bigram: the index alone is exact."""
        return self.is_word and len(self.text) == 2


@dataclass(frozen=True)
class Term:
    raw: str
    phrase: bool
    negated: bool
    pieces: tuple[Piece, ...] = ()
    rank_tokens: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; each alternative needs all of its pieces."""

    terms: tuple[Term, ...]

    @property
    def negated(self) -> bool:
        return self.terms[0].negated


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    needles: tuple[str, ...] = field(default=())  # positive pieces, for highlighting
    rank_tokens: tuple[str, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not self.clauses


_OR = object()


def _lex(text: str) -> list[object]:
    """Split into terms (raw, phrase, negated) and OR markers; unbalanced quotes run to the end."""
    items: list[object] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch in MINUS:
            if i + 1 >= n or text[i + 1].isspace():
                i += 1
                continue
            negated, i = True, i + 1
            ch = text[i]
        if ch in OPEN_QUOTES:
            closers = OPEN_QUOTES[ch]
            j = i + 1
            while j < n and text[j] not in closers:
                j += 1
            items.append((text[i + 1 : j], True, negated))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in OPEN_QUOTES:
            j += 1
        word = text[i:j]
        items.append(_OR if word == "OR" and not negated else (word, False, negated))
        i = j
    return items


def _piece(text: str) -> Piece:
    return Piece(text, tuple(sorted(segmentation.grams(text))))


def _strip_punct(text: str) -> str:
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _term(raw: str, phrase: bool, negated: bool) -> Term:
    words = segmentation.tokens(raw)
    text = _strip_punct(segmentation.compact(raw))
    pieces = [text] if text else []
    return Term(
        raw=raw,
        phrase=phrase,
        negated=negated,
        pieces=tuple(_piece(p) for p in pieces),
        rank_tokens=tuple(dict.fromkeys([*words, *pieces])),
    )


def parse_query(q: str) -> ParsedQuery:
    """Parse user text; raise SearchQueryError with a message for unusable input."""
    text = (q or "").replace("\x00", " ")
    if not text.strip():
        return ParsedQuery()
    if len(text) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"检索式过长：最多 {MAX_QUERY_CHARS} 个字符。")
    groups: list[list[Term]] = []
    join_next = False
    for item in _lex(text):
        if item is _OR:
            join_next = bool(groups) and not groups[-1][0].negated
            continue
        term = _term(*item)  # type: ignore[misc]
        if not term.pieces:
            continue  # punctuation or operators only
        if join_next and not term.negated:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        raise SearchQueryError("检索式中没有可检索的文字，请输入中文词语、字母或数字。")
    if sum(len(g) for g in groups) > MAX_TERMS:
        raise SearchQueryError(f"检索词过多：最多 {MAX_TERMS} 个。")
    clauses = tuple(Clause(tuple(g)) for g in groups)
    positive = [t for c in clauses if not c.negated for t in c.terms]
    if not positive:
        raise SearchQueryError("请至少输入一个要包含的检索词（减号只用于排除）。")
    return ParsedQuery(
        clauses=clauses,
        needles=tuple(dict.fromkeys(p.text for t in positive for p in t.pieces)),
        rank_tokens=tuple(dict.fromkeys(tok for t in positive for tok in t.rank_tokens)),
    )
