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


@pytest.fixture
def portal_pages(db, tmp_path):
    """The report pages of tests/reports/data (breadcrumbs, publication bars, no title, 我局),
    copied and loaded. Returns (reports by file stem, the folder they were loaded from)."""
    import shutil

    from admin_support import DATA, load

    from lawreports.reports.models import Report

    folder = tmp_path / "pages"
    shutil.copytree(DATA, folder)
    load(folder)
    return {Path(r.source_file).stem: r for r in Report.objects.all()}, folder


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("curator", "c@example.com", "pw")
    client.force_login(user)
    return user
