"""Rebuild the whole search index (after a change to search/words.txt, or to repair it)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from lawreports.search.indexing import reindex_all


class Command(BaseCommand):
    help = "重建全文检索索引（修改 search/words.txt 后需要运行）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size: int, **options) -> None:
        started = time.monotonic()
        tty = self.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if tty:
                width = 30
                filled = width * done // max(total, 1)
                bar = "#" * filled + "-" * (width - filled)
                self.stdout.write(f"\r[{bar}] {done}/{total}", ending="")
                self.stdout.flush()

        # One transaction: readers see the old index until the new one is complete.
        with transaction.atomic():
            total = reindex_all(batch_size=max(1, batch_size), progress=progress)
        if tty:
            self.stdout.write("")
        elapsed = time.monotonic() - started
        self.stdout.write(f"reindexed {total} reports in {elapsed:.1f}s")
