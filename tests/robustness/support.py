"""Helpers for the robustness tests: subprocesses on the test database, report variants."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def database_url() -> str:
    """A DATABASE_URL naming the database this test runs on (the test database)."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{s['NAME']}"


def manage(*args: str, db_url: str, wait: bool = True, **kwargs):
    """Run manage.py in a fresh process (a real second database connection)."""
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONPATH": str(REPO)}
    command = [sys.executable, str(REPO / "manage.py"), *args]
    if not wait:
        return subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    return subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, **kwargs)


def seed_variants(folder: Path, count: int) -> list[Path]:
    """`count` distinct reports made from the seeds: same structure, another year and number."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    made = []
    for n in range(count):
        text = texts[n % len(texts)]
        # A different figure in the first sentence makes different bytes, not another outline.
        text = text.replace("。", f"，共计{n + 1}项。", 1)
        path = folder / f"variant_{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def expected_shapes(files: list[Path]) -> dict[str, tuple[int, int, int]]:
    """source file → (sections, issues, plans) a fully stored report of it has."""
    from lawreports.parsing import parse_file
    from lawreports.reports.services.store import flatten_sections

    shapes = {}
    for path in files:
        parsed = parse_file(path)
        sections = len(flatten_sections(parsed.sections)) or 1
        shapes[path.name] = (sections, len(parsed.issues), len(parsed.plans))
    return shapes


def read_while(running, shapes: dict[str, tuple[int, int, int]]) -> tuple[int, list[str]]:
    """Read every stored report's detail page while running() is true (and once after).

    Returns (pages read, problems): a page showing fewer sections, issues or plans than the
    file has is a half-written report.
    """
    from django.test import Client

    from lawreports.reports.models import Report

    client, pages, problems = Client(), 0, []
    while True:
        last = not running()
        for pk, name in Report.objects.values_list("pk", "source_file"):
            response = client.get(f"/reports/{pk}/")
            if response.status_code != 200:
                problems.append(f"{name}: HTTP {response.status_code}")
                continue
            ctx = response.context
            seen = (len(ctx["sections"]), len(ctx["issues"]), len(ctx["plans"]))
            pages += 1
            if seen != shapes[name]:
                problems.append(f"{name}: saw {seen}, file has {shapes[name]}")
        if last:
            return pages, problems
