"""How long migration reports/0009 takes to load the whole division tree into an empty table.

Each round unapplies 0009 (its reverse is a no-op), empties the region table (committed, and
VACUUMed on PostgreSQL), then times `migrate reports 0009` in this process (no start-up cost).
Run it on a scratch database without reports: it deletes every region.

DATABASE_URL=… python bench/division_tree.py [ROUNDS]
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lawreports.reports.models import Region, Report

    quiet = {"stdout": io.StringIO(), "verbosity": 0}
    call_command("migrate", **quiet)
    if Report.objects.exists():
        sys.exit("this database has reports: use a scratch database")
    times = []
    for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        call_command("migrate", "reports", "0008", **quiet)
        Region.objects.update(parent=None)
        Region.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE reports_region")
        start = time.perf_counter()
        call_command("migrate", "reports", "0009", **quiet)
        times.append(time.perf_counter() - start)
    shown = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"{connection.vendor}: {Region.objects.count()} divisions; {shown} s (best {min(times):.2f})"
    )


if __name__ == "__main__":
    main()
