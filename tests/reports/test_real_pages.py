"""Real pages of the parsing development set, curated in the admin by their labels: the issuer
and division a curator sets survive a re-parse and a reload of a changed file."""

import json
import os
import shutil
from pathlib import Path

import pytest
from admin_support import edit_report, load
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from lawreports.reports.management.commands.check_integrity import integrity_problems
from lawreports.reports.models import Agency, Region, Report

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent
# The development set's texts are not committed (labels only); they live in a local cache
# outside the repository, rebuilt from each label's URL and query (tests/parsing/data/real).
CACHE = Path(os.environ.get("LAWREPORTS_REAL_PAGES", HERE.parents[2] / "realcache"))
PAGES = ("a002", "a022", "a088", "b021")  # 通州区, 包头市, 长治市卫生健康委员会, 三张镇
LEVELS = ("province", "prefecture", "county", "township")


def labels() -> dict[str, dict]:
    found = {}
    for path in sorted((HERE.parent / "parsing" / "data" / "real").glob("labels_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            label = json.loads(line)
            found[label["id"]] = label
    return {page: found[page] for page in PAGES}


def labelled_division(label: dict) -> Region:
    names = [label[level] for level in LEVELS if label[level]]
    region = Region.objects.get(level="province", name=names[0])
    for name in names[1:]:
        region = region.children.get(name=name)
    return region


@pytest.fixture
def real_pages(db, tmp_path):
    missing = [page for page in PAGES if not (CACHE / f"{page}.txt").is_file()]
    if missing:
        pytest.skip(
            f"real-page cache {CACHE} lacks {', '.join(missing)} (set LAWREPORTS_REAL_PAGES)"
        )
    folder = tmp_path / "real"
    folder.mkdir()
    for page in PAGES:
        shutil.copy(CACHE / f"{page}.txt", folder)
    load(folder)
    return {Path(r.source_file).stem: r for r in Report.objects.all()}, folder


def as_labelled(report: Report, label: dict) -> None:
    report.refresh_from_db()
    division = labelled_division(label)
    assert report.agency.name == label["agency"], report.source_file
    assert report.region == division and report.agency.region == division
    assert [r.name for r in report.region_path()] == [label[x] for x in LEVELS if label[x]]
    assert report.level == division.level
    assert "region_unresolved" not in report.flags


def test_real_pages_of_different_issuers_share_no_agency(real_pages):
    reports, _ = real_pages
    agencies = [r.agency_id for r in reports.values() if r.agency_id is not None]
    assert len(agencies) == len(set(agencies))
    assert not Agency.objects.filter(name__contains="未识别").exists()
    assert integrity_problems() == []


def test_curator_places_real_pages_by_their_labels_and_the_fixes_stay(client, staff, real_pages):
    reports, folder = real_pages
    truth = labels()
    for page, label in truth.items():
        division = labelled_division(label)
        agency = Agency.objects.filter(name=label["agency"], region=division).first()
        if agency is None:  # the curator adds the issuer (the report form's + button)
            data = {"name": label["agency"], "kind": label["agency_kind"], "region": division.pk}
            response = client.post(reverse("admin:reports_agency_add"), {**data, "level": ""})
            assert response.status_code == 302
            agency = Agency.objects.get(name=label["agency"], region=division)
        report = reports[page]
        edit_report(
            client,
            report,
            lambda data, response, a=agency, d=division: data.update(agency=a.pk, region=d.pk),
            crlf=True,
        )
        as_labelled(report, label)
        assert set(Report.objects.get(pk=report.pk).curated_fields) <= {"agency", "region"}

    reparse = {"action": "reparse", ACTION_CHECKBOX_NAME: [r.pk for r in reports.values()]}
    assert client.post(reverse("admin:reports_report_changelist"), reparse).status_code == 302
    for page, label in truth.items():
        as_labelled(reports[page], label)

    for page in PAGES:  # the files change (a re-fetched page), and are loaded again
        path = folder / f"{page}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "updated 4" in load(folder)
    for page, label in truth.items():
        as_labelled(reports[page], label)
    assert integrity_problems() == []
