import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

EXPECTED = json.loads(
    (Path(__file__).resolve().parent.parent / "parsing" / "data" / "expected.json").read_text(
        encoding="utf-8"
    )
)


@pytest.fixture
def expected() -> list[dict]:
    return EXPECTED


@pytest.fixture
def seeded(db, seeds_dir):
    """The five seed reports, loaded the way a user loads them."""
    call_command("load_reports", str(seeds_dir), stdout=io.StringIO())
    from lawreports.reports.models import Report

    return {r.source_file: r for r in Report.objects.all()}
