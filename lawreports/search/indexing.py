"""Reports → search documents, written by the backend of the current database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from lawreports.reports.models import Report, Section
from lawreports.search import segmentation
from lawreports.search.backends import get_backend

_local = threading.local()


@dataclass
class Document:
    report_id: int
    text: str  # compact normalised text: what phrases are verified against
    title: list[str]
    headings: list[str]
    body: list[str]
    grams: set[str]


def build_document(
    report_id: int,
    title: str,
    preamble: str,
    sections: Sequence[tuple[str, str, str]],
    fallback_body: str = "",
) -> Document:
    """`sections` are (number, heading, body) in document order. A report the outline parser
    could not split (no sections) is indexed by its whole body text instead."""
    if not sections and fallback_body:
        sections = [("", "", fallback_body)]
    parts = [title, preamble]
    for number, heading, text in sections:
        parts += [number, heading, text]
    # normalize maps character to character: the parts are normalised in one call and cut
    # back out of the result by their lengths.
    normalized = segmentation.normalize("".join(parts))
    pieces, at = [], 0
    for part in parts:
        pieces.append(normalized[at : at + len(part)])
        at += len(part)
    # Joined with nothing: "the report's text after whitespace removal" is what phrases
    # are promised against, and the bigrams must come from the very same string.
    text = segmentation.squeeze(normalized)
    return Document(
        report_id=report_id,
        text=text,
        title=segmentation.normalized_tokens(pieces[0]),
        headings=segmentation.normalized_tokens_of(pieces[3::3]),
        body=segmentation.normalized_tokens_of([pieces[1], *pieces[4::3]]),
        grams=segmentation.grams(text),
    )


def documents_for(report_ids: Sequence[int]) -> list[Document]:
    """Build documents for many reports with two queries."""
    sections: dict[int, list[tuple[str, str, str]]] = {pk: [] for pk in report_ids}
    rows = (
        Section.objects.filter(report_id__in=report_ids)
        .order_by("report_id", "order")
        .values_list("report_id", "number", "heading", "body")
    )
    for report_id, number, heading, body in rows:
        sections[report_id].append((number, heading, body))
    reports = Report.objects.filter(pk__in=report_ids).values_list(
        "pk", "title", "preamble", "body_text"
    )
    return [
        build_document(pk, title, preamble, sections[pk], body_text)
        for pk, title, preamble, body_text in reports
    ]


def index_report(report: Report | int) -> None:
    """(Re)index one report with its current sections; safe inside the caller's transaction."""
    report_id = report if isinstance(report, int) else report.pk
    docs = documents_for([report_id])
    backend = get_backend()
    if docs:
        backend.write(docs)
    else:
        backend.delete([report_id])


def unindex_report(report_id: int) -> None:
    get_backend().delete([report_id])


def reindex_all(batch_size: int = 200, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild every report's document in batches; drop documents of vanished reports."""
    backend = get_backend()
    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
    backend.delete_missing()
    done = 0
    for start in range(0, len(ids), batch_size):
        batch = ids[start : start + batch_size]
        backend.write(documents_for(batch))
        done += len(batch)
        if progress:
            progress(done, len(ids))
    return done


@contextmanager
def indexing_suspended() -> Iterator[None]:
    """Silence the save signals (bulk loads); the caller then calls index_report itself."""
    _local.depth = getattr(_local, "depth", 0) + 1
    try:
        yield
    finally:
        _local.depth -= 1


def is_suspended() -> bool:
    return getattr(_local, "depth", 0) > 0
