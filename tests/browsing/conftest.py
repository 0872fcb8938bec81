import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db, seeds_dir):
    """The five seed reports, loaded the way a user loads them."""
    call_command("load_reports", str(seeds_dir), stdout=io.StringIO())
    from lawreports.reports.models import Report

    return {r.source_file[:3]: r for r in Report.objects.all()}
