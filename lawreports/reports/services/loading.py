"""Load report files: parse each outside the database, store each in its own transaction."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lawreports.parsing import ParseError, parse_file
from lawreports.reports.services.store import StoreOutcome, store_report

# Extensions taken when a folder is given; a file named explicitly is always tried.
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ""}
# Real reports are tens of KB; parsing and indexing take ~70 bytes of memory per byte of file.
MAX_REPORT_BYTES = 5 * 1024 * 1024


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


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and report files found under folders named, in a stable order."""
    found: list[Path] = []
    for raw in paths:
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


def load_file(path: Path) -> StoreOutcome:
    """Parse and store one file; raises ParseError (or a database error) on failure."""
    if (size := path.stat().st_size) > MAX_REPORT_BYTES:
        raise ParseError(f"file too large ({size} bytes; the limit is {MAX_REPORT_BYTES})")
    parsed = parse_file(path)
    return store_report(parsed, source_file=path.name)


def load_files(
    files: list[Path], *, on_progress: Callable[[int, Path], None] | None = None
) -> LoadSummary:
    summary = LoadSummary()
    for done, path in enumerate(files, start=1):
        try:
            outcome = load_file(path)
        except ParseError as exc:
            summary.failures.append((str(path), str(exc)))
        except FileNotFoundError:
            summary.failures.append((str(path), "文件不存在 (file not found)"))
        except Exception as exc:  # one bad file must not stop the others
            summary.failures.append((str(path), f"{type(exc).__name__}: {exc}"))
        else:
            summary.counts[outcome.status] += 1
            if outcome.kept:
                summary.kept.append((str(path), outcome.kept))
        if on_progress:
            on_progress(done, path)
    return summary


# After this many new or changed reports the planner's statistics are stale enough to pick
# bad plans (a filtered search took 15 s instead of 0.4 s before ANALYZE).
ANALYZE_AFTER = 100


def refresh_statistics(summary: LoadSummary) -> bool:
    """Let PostgreSQL re-read the tables' statistics after a large load."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    if summary.counts["loaded"] + summary.counts["updated"] < ANALYZE_AFTER:
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
