"""The benchmark's own database: recreated empty, migrated, never the archive's real one."""

from __future__ import annotations

import os
from urllib.parse import urlparse

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/lr_bench"


def _is_dedicated(url: str) -> bool:
    """Only databases named for benchmarks may be wiped."""
    name = urlparse(url).path.rsplit("/", 1)[-1]
    return "bench" in name


def reset_database(url: str) -> None:
    """Drop and recreate the database (PostgreSQL) or delete the file (SQLite)."""
    if not _is_dedicated(url):
        raise SystemExit(f"refusing to wipe {url!r}: use a database whose name contains 'bench'")
    parsed = urlparse(url)
    if parsed.scheme.startswith("sqlite"):
        path = parsed.path[1:] if parsed.path.startswith("//") else parsed.path
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return
    import psycopg

    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # C.UTF-8 like a modern default cluster, so Chinese collates and pg_trgm works.
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' "
                     "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")  # fmt: skip


def configure(url: str) -> None:
    """Point Django at `url` and set it up; call before importing models."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lawreports.settings")
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
