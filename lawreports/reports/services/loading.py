"""Load reports from files and addresses: parse each outside the database, store new ones
in batches."""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lawreports.parsing import ParsedReport, ParseError, parse_address, parse_bytes, parse_file
from lawreports.parsing.documents import MAX_DOCUMENT_BYTES, sniff
from lawreports.parsing.documents.fetch import Fetcher, is_address
from lawreports.reports.services.bulk import BatchCache, store_new
from lawreports.reports.services.store import StoreOutcome, store_report

# Extensions taken when a folder is given; a file named explicitly is always tried.
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".shtml", ".pdf", ".docx", ".doc", ".wps", ""}
# Real reports are tens of KB; parsing and indexing take ~70 bytes of memory per byte of text.
# PDF and Word files carry fonts and images: they may be larger (MAX_DOCUMENT_BYTES).
MAX_REPORT_BYTES = 5 * 1024 * 1024
# A report file or an http(s) address (kept as the string given).
Source = Path | str
# New reports stored per transaction: large enough that per-statement costs vanish, small
# enough that parses held in memory stay a few MB.
BATCH_SIZE = 100


@dataclass
class LoadSummary:
    counts: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    kept: list[tuple[str, list[str]]] = field(default_factory=list)  # curated values kept

    def line(self) -> str:
        c = self.counts
        return (
            f"loaded {c['loaded']}, updated {c['updated']}, unchanged {c['unchanged']}, "
            f"duplicate {c['duplicate']}, failed {len(self.failures)}"
        )


def report_files(paths: Iterable[str | Path]) -> list[Source]:
    """Files named, report files found under folders named, and addresses, in order."""
    found: list[Source] = []
    for raw in paths:
        if isinstance(raw, str) and is_address(raw):
            found.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not p.name.startswith(".")
                and p.suffix.lower() in REPORT_SUFFIXES
            )
        else:
            found.append(path)
    return found


def read_address_list(path: str | Path) -> list[str]:
    """The addresses in a list file: one per line; blank lines and # comments skipped."""
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    return [s for line in lines if (s := line.strip()) and not s.startswith("#")]


def source_name(source: Source) -> str:
    """The name a report is stored under (Report.source_file, unique): a file's name, or the
    address itself (a very long one shortened with its hash, so it stays unique)."""
    if isinstance(source, Path):
        return source.name
    if len(source) <= 255:
        return source
    return f"{source[:200]}…#{hashlib.sha256(source.encode()).hexdigest()[:32]}"


def parse_path(path: Path) -> ParsedReport:
    """Read and parse one file; raises ParseError (too large, undecodable, not a report)."""
    if (size := path.stat().st_size) > MAX_REPORT_BYTES:
        with path.open("rb") as f:
            document = sniff(f.read(1024), name=path.name) != "text"
        limit = MAX_DOCUMENT_BYTES if document else MAX_REPORT_BYTES
        if size > limit:
            raise ParseError(f"file too large ({size} bytes; the limit is {limit})")
    return parse_file(path)


def parse_source(source: Source, fetcher: Fetcher | None = None) -> ParsedReport:
    """Parse a file or fetch and parse an address; raises ParseError naming why not."""
    if isinstance(source, Path):
        return parse_path(source)
    return parse_address(source, fetcher=fetcher)


def load_file(path: Path) -> StoreOutcome:
    """Parse and store one file; raises ParseError (or a database error) on failure."""
    return store_report(parse_path(path), source_file=path.name)


def add_report(
    *, url: str | None = None, name: str | None = None, data: bytes | None = None
) -> StoreOutcome:
    """Store one report from an address or from an uploaded file's bytes (the admin's add
    form); raises ParseError naming why not."""
    if url:
        if not is_address(url):
            raise ParseError("not an http(s) address")
        return store_report(parse_address(url), source_file=source_name(url))
    if not name or data is None:
        raise ParseError("no address and no file")
    document = sniff(data[:1024], name=name) != "text"
    limit = MAX_DOCUMENT_BYTES if document else MAX_REPORT_BYTES
    if len(data) > limit:
        raise ParseError(f"file too large ({len(data)} bytes; the limit is {limit})")
    return store_report(parse_bytes(data, filename=name), source_file=Path(name).name)


def load_files(
    files: list[Source],
    *,
    on_progress: Callable[[int, Source], None] | None = None,
    batch_size: int = BATCH_SIZE,
    cache: BatchCache | None = None,
    fetcher: Fetcher | None = None,
) -> LoadSummary:
    """Parse every file and address and store new reports in batches (bulk.store_new);
    reloads, renamed twins and anything a batch could not write go through store_report one
    by one. Addresses share one polite fetcher (its per-host pace holds across the load)."""
    summary = LoadSummary()
    cache = cache or BatchCache()
    batch: list[tuple[ParsedReport, str]] = []
    paths: dict[str, Source] = {}
    own_fetcher = None
    if fetcher is None and any(isinstance(f, str) for f in files):
        fetcher = own_fetcher = Fetcher()
    try:
        for done, path in enumerate(files, start=1):
            try:
                name = source_name(path)
                batch.append((parse_source(path, fetcher), name))
                paths[name] = path
            except Exception as exc:
                summary.failures.append((str(path), failure_reason(exc)))
            if len(batch) >= batch_size or done == len(files):
                _store(batch, paths, cache, summary)
                batch, paths = [], {}
            if on_progress:
                on_progress(done, path)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()
    return summary


def load_files_parallel(
    files: list[Source],
    *,
    workers: int = 2,
    on_progress: Callable[[int, Source], None] | None = None,
) -> LoadSummary:
    """load_files in `workers` forked processes, a batch of files each at a time (PostgreSQL:
    parsing and segmenting take most of the time and two loaders' writes do not block each
    other; SQLite has one writer at a time, so it loads in this process). Addresses are
    fetched in this process, one polite fetcher for all."""
    from django.db import connection, connections

    addresses = [f for f in files if isinstance(f, str)]
    files = [f for f in files if not isinstance(f, str)]
    if addresses:
        summary = load_files_parallel(files, workers=workers, on_progress=on_progress)
        offset = len(files)
        fetched = load_files(
            addresses,
            on_progress=(lambda done, src: on_progress(offset + done, src))
            if on_progress
            else None,
        )
        summary.counts += fetched.counts
        summary.failures += fetched.failures
        summary.kept += fetched.kept
        return summary
    if workers <= 1 or connection.vendor != "postgresql" or len(files) <= BATCH_SIZE:
        return load_files(files, on_progress=on_progress)
    summary = LoadSummary()
    chunks = [files[i : i + BATCH_SIZE] for i in range(0, len(files), BATCH_SIZE)]
    connections.close_all()  # a forked child must not share the parent's socket
    done = 0
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start_worker) as pool:
        for chunk, part in zip(chunks, pool.imap(_load_chunk, chunks), strict=True):
            summary.counts += part.counts
            summary.failures += part.failures
            summary.kept += part.kept
            done += len(chunk)
            if on_progress:
                on_progress(done, chunk[-1])
    return summary


_worker_cache: BatchCache | None = None


def _start_worker() -> None:
    from django.db import connections

    global _worker_cache
    connections.close_all()
    _worker_cache = BatchCache()  # regions and agencies, for the worker's whole life


def _load_chunk(files: list[Path]) -> LoadSummary:
    return load_files(files, cache=_worker_cache)


def _store(
    batch: list[tuple[ParsedReport, str]],
    paths: dict[str, Source],
    cache: BatchCache,
    summary: LoadSummary,
) -> None:
    if len({name for _, name in batch}) < len(batch):
        rest = batch  # the same file name twice in one load: let store_report order them
    else:
        rest = store_new(batch, cache) if batch else []
    summary.counts["loaded"] += len(batch) - len(rest)
    for parsed, name in rest:
        try:
            outcome = store_report(parsed, source_file=name)
        except Exception as exc:  # one bad file must not stop the others
            summary.failures.append((str(paths[name]), failure_reason(exc)))
        else:
            summary.counts[outcome.status] += 1
            if outcome.kept:
                summary.kept.append((str(paths[name]), outcome.kept))


def failure_reason(exc: Exception) -> str:
    """What the load summary says about a file that failed."""
    if isinstance(exc, ParseError):
        return str(exc)
    if isinstance(exc, FileNotFoundError):
        return "文件不存在 (file not found)"
    return f"{type(exc).__name__}: {exc}"


# After this many new or changed reports the planner's statistics are stale enough to pick
# bad plans (a filtered search took 15 s instead of 0.4 s before ANALYZE).
ANALYZE_AFTER = 100


def refresh_statistics(summary: LoadSummary) -> bool:
    """Let PostgreSQL re-read the tables' statistics after a large load, and mark the new
    pages all-visible so the facet counts read the covering index alone (VACUUM cannot run
    inside a transaction: then statistics only)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    if summary.counts["loaded"] + summary.counts["updated"] < ANALYZE_AFTER:
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
    return True
