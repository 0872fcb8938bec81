import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lawreports.analysis.dataset import rebuild_dataset
from lawreports.reports.services.loading import (
    load_files_parallel,
    read_address_list,
    refresh_statistics,
    report_files,
)


class Command(BaseCommand):
    help = (
        "Parse reports (.txt, .html, .pdf, .docx, .doc/.wps with LibreOffice; files, folders "
        "or http(s) addresses) and store them; reloading changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="*", help="report files, folders or http(s):// addresses"
        )
        parser.add_argument(
            "--urls",
            metavar="FILE",
            action="append",
            default=[],
            help="a file listing addresses, one per line (# comments allowed)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=1,
            help="loader processes (PostgreSQL; one per core is fastest)",
        )
        parser.add_argument(
            "--no-dataset",
            action="store_true",
            help="do not rebuild the downloadable dataset (DATASET_ROOT) after the load",
        )

    def handle(self, *args, paths, workers, urls=(), no_dataset=False, **options):
        listed = []
        for name in urls:
            try:
                listed += read_address_list(name)
            except OSError as exc:
                raise CommandError(f"cannot read address list {name}: {exc.strerror}") from exc
        files = report_files([*paths, *listed])
        if not files:
            raise CommandError("no report files found in: " + ", ".join([*paths, *urls]))
        progress = ProgressBar(len(files), sys.stderr) if sys.stderr.isatty() else None
        summary = load_files_parallel(
            files, workers=workers, on_progress=progress.update if progress else None
        )
        if progress:
            progress.close()
        if refresh_statistics(summary):
            self.stdout.write("refreshed the database's statistics (VACUUM ANALYZE)")
        for name, kept in summary.kept:
            self.stdout.write(f"kept curated {', '.join(kept)}: {name}")
        for name, reason in summary.failures:
            self.stderr.write(f"FAILED {name}: {reason}")
        self.stdout.write(summary.line())
        if not no_dataset and (summary.counts["loaded"] or summary.counts["updated"]):
            rebuild_dataset()
            self.stdout.write(f"rebuilt the dataset in {settings.DATASET_ROOT}")
        if summary.failures:
            raise CommandError(f"{len(summary.failures)} file(s) failed to load", returncode=1)


class ProgressBar:
    """A one-line bar redrawn in place; only drawn on a terminal."""

    def __init__(self, total: int, stream, width: int = 30):
        self.total, self.stream, self.width = total, stream, width

    def update(self, done: int, path) -> None:
        filled = self.width * done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        name = getattr(path, "name", str(path))  # a file, or an address
        self.stream.write(f"\r[{bar}] {done}/{self.total} {name[-40:]:<40}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
