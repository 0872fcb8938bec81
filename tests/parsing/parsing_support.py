"""Helpers for the parsing tests (a uniquely named module, not conftest, so other test
folders' conftest files cannot clash with it)."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"
SEEDS = REPO / "seeds"
VARIANTS = DATA / "variants"


def load_expected() -> list[dict]:
    """The seeds' expected values: the local copy, so tests need nothing outside the repo."""
    return json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def headings(report) -> list[str]:
    return [s.heading for s in report.sections]


def headlines(items) -> list[str]:
    return ["".join(i.headline.split()) for i in items]
