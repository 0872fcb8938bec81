"""load_reports, parse_report and the admin take reports as governments publish them: PDF,
Word and portal-page files and http(s) addresses, mixed freely. Addresses are served by a
web server on 127.0.0.1 started here; nothing leaves the machine."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "parsing"))

from document_fixtures import LocalSite, built, seeds  # noqa: E402

from lawreports.parsing.documents.fetch import Fetcher  # noqa: E402
from lawreports.reports.models import Issue, Plan, Report, Section  # noqa: E402
from lawreports.reports.services.loading import load_files, report_files  # noqa: E402

pytestmark = pytest.mark.django_db
SEEDS = seeds()
FORMS = ("pdf", "docx", "html-trs", "html-xxgk", "html-html5")


@pytest.fixture(scope="module")
def site():
    files = {path.name: path for forms in built().values() for path in forms.values()}
    with LocalSite(files, slow_seconds=2.0) as served:
        yield served


def run(command: str, *args) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def assert_stored_truth(report: Report, expected: dict) -> None:
    assert report.title == expected["title"]
    assert report.agency.name == expected["agency"]
    assert report.level == expected["level"] and report.year == expected["year"]
    assert (report.county or report.prefecture).code == expected["region_code"]
    tops = report.sections.filter(depth=0).order_by("order").values_list("heading", flat=True)
    assert list(tops) == expected["top_sections"]
    assert report.issues.count() == len(expected["issues"])
    assert report.plans.count() == len(expected["plans"])


def test_files_of_every_format_and_addresses_load_together(tmp_path, site, seeds_dir):
    """One command: a folder of PDF, Word, web pages and text, plus an address."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    forms = {0: FORMS, 1: ("pdf", "html-trs"), 2: ("docx", "html-xxgk"), 3: ("pdf", "html-html5")}
    for i, names in forms.items():
        for form in names:
            shutil.copy(built()[SEEDS[i].file][form], folder)
    shutil.copy(seeds_dir / SEEDS[4].file, folder)  # plain text beside them
    address = site.url(built()[SEEDS[4].file]["html-html5"].name)
    out, err, error = run("load_reports", str(folder), address)
    assert error is None, err
    assert "loaded 13" in out and "failed 0" in out
    for i, names in forms.items():
        for form in names:
            report = Report.objects.get(source_file=built()[SEEDS[i].file][form].name)
            assert_stored_truth(report, SEEDS[i].expected)
    by_address = Report.objects.get(source_url=address)
    assert by_address.source_file == address
    assert_stored_truth(by_address, SEEDS[4].expected)


def test_a_word_file_and_the_pdf_printed_from_it_are_one_report(tmp_path):
    """Identity is the document's text: the same report as .docx and as PDF is stored once,
    whatever the files' bytes (a PDF printed twice differs in its creation date)."""
    forms = built()[SEEDS[1].file]
    out, _, error = run("load_reports", str(forms["docx"]), str(forms["pdf"]))
    assert error is None
    assert "loaded 1" in out and "duplicate 1" in out
    assert Report.objects.get().source_file == forms["docx"].name


def test_folder_scan_takes_the_document_suffixes(tmp_path):
    for name in ("a.pdf", "b.docx", "c.doc", "d.wps", "e.htm", "f.txt", "g.png"):
        (tmp_path / name).write_bytes(b"x")
    found = {p.name for p in report_files([tmp_path])}
    assert found == {"a.pdf", "b.docx", "c.doc", "d.wps", "e.htm", "f.txt"}


def test_address_list_loads_names_failures_and_reloads_idempotently(tmp_path, site):
    good = [site.url(built()[SEEDS[i].file][form].name) for i, form in ((0, "docx"), (3, "pdf"))]
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# reports to fetch\n"
        + "\n".join([good[0], site.base + "/missing", "", site.base + "/home", good[1]]),
        encoding="utf-8",
    )
    out, err, error = run("load_reports", "--urls", str(listing))
    assert "loaded 2" in out and "failed 2" in out
    assert f"FAILED {site.base}/missing: HTTP 404 (Not Found)" in err
    assert f"FAILED {site.base}/home: no report text" in err
    assert error is not None and error.returncode == 1
    assert set(Report.objects.values_list("source_url", flat=True)) == set(good)

    sizes = [m.objects.count() for m in (Report, Section, Issue, Plan)]
    stamps = dict(Report.objects.values_list("pk", "updated_at"))
    out, _, _ = run("load_reports", *good)
    assert "unchanged 2" in out and "loaded 0" in out
    assert [m.objects.count() for m in (Report, Section, Issue, Plan)] == sizes
    assert dict(Report.objects.values_list("pk", "updated_at")) == stamps


def test_a_timeout_is_named_and_the_rest_still_load(site):
    good = site.url(built()[SEEDS[1].file]["html-html5"].name)
    with Fetcher(timeout=0.5, min_interval=0) as fetcher:
        summary = load_files([site.base + "/slow", good], fetcher=fetcher)
    assert summary.counts["loaded"] == 1
    assert summary.failures == [(site.base + "/slow", "timed out (no answer within 0.5 s)")]
    assert Report.objects.get().source_url == good


def test_detail_page_links_the_original_address(client, site):
    address = site.url(built()[SEEDS[2].file]["html-trs"].name)
    with Fetcher(min_interval=0) as fetcher:
        load_files([address], fetcher=fetcher)
    report = Report.objects.get()
    page = client.get(report.get_absolute_url()).content.decode()
    assert "原网页" in page and f'href="{address}"' in page


def test_parse_report_json_carries_the_address(site, tmp_path):
    address = site.url(built()[SEEDS[0].file]["pdf"].name)
    docx = built()[SEEDS[1].file]["docx"]
    out, err, error = run("parse_report", "--json", address, str(docx))
    assert error is None, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["source_url"] for r in rows] == [address, None]
    assert [r["agency"] for r in rows] == [SEEDS[0].expected["agency"], SEEDS[1].expected["agency"]]


# --- the admin -----------------------------------------------------------------------------

ADD = "admin:reports_report_add"


@pytest.fixture
def curator(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("c", "c@example.com", "pw"))
    return client


def test_curator_adds_a_report_by_pasting_its_address(curator, site):
    address = site.url(built()[SEEDS[3].file]["pdf"].name)
    response = curator.post(reverse(ADD), {"url": address})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reports_report_change", args=[report.pk])
    assert report.source_url == address
    assert_stored_truth(report, SEEDS[3].expected)
    again = curator.post(reverse(ADD), {"url": address}, follow=True)
    assert Report.objects.count() == 1 and "已收录，内容未变" in again.content.decode()


def test_curator_adds_a_report_by_uploading_a_file(curator):
    path = built()[SEEDS[0].file]["docx"]
    with path.open("rb") as upload:
        response = curator.post(reverse(ADD), {"file": upload})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.source_file == path.name and report.source_url == ""
    assert_stored_truth(report, SEEDS[0].expected)


def test_add_form_names_what_went_wrong(curator, site):
    page = curator.get(reverse(ADD)).content.decode()
    assert "原网页地址" in page and "上传文件" in page
    neither = curator.post(reverse(ADD), {}).content.decode()
    assert "请填写地址或选择文件" in neither
    missing = curator.post(reverse(ADD), {"url": site.base + "/missing"}).content.decode()
    assert "无法添加：HTTP 404 (Not Found)" in missing
    assert Report.objects.count() == 0


def test_add_page_needs_the_add_permission(client, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse(ADD)).status_code == 403


def test_reparsing_keeps_the_address(site):
    from lawreports.reports.services.curation import reparse_report

    address = site.url(built()[SEEDS[0].file]["pdf"].name)
    with Fetcher(min_interval=0) as fetcher:
        load_files([address], fetcher=fetcher)
    outcome = reparse_report(Report.objects.get())
    assert outcome.report.source_url == address
    assert Report.objects.get().source_url == address
    assert_stored_truth(Report.objects.get(), SEEDS[0].expected)
