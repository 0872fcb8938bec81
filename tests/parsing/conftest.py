"""Shared helpers for the parsing tests (no Django needed)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run without installing the package or Django's plugin
    sys.path.insert(0, str(REPO))

DATA = Path(__file__).parent / "data"
SEEDS = REPO / "seeds"
VARIANTS = DATA / "variants"


def load_expected() -> list[dict]:
    """The seeds' expected values: the local copy, so tests need nothing outside the repo."""
    return json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expected() -> list[dict]:
    return load_expected()


def headings(report) -> list[str]:
    return [s.heading for s in report.sections]


def headlines(items) -> list[str]:
    return ["".join(i.headline.split()) for i in items]
