"""The bad-input corpus: every file loads (with flags) or fails by name with a reason."""

from __future__ import annotations

import io
import re
import tracemalloc

import pytest
from django.core.management import CommandError, call_command

from lawreports.parsing import parse_bytes, parse_file
from lawreports.reports.management.commands.check_integrity import integrity_problems
from lawreports.reports.models import Report
from lawreports.reports.services.loading import load_file
from tests.robustness.corpus import pdf_text, seed_text, web_page, write_corpus

pytestmark = pytest.mark.django_db

FAILS = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "",  # "binary …" or "cannot decode …": either names the problem
    "scan.pdf.txt": "PDF",
    "only_metadata.txt": "no report text",
    "mojibake.txt": "no report text",
    "huge.txt": "file too large",
}
LOADS = {  # file → (encoding, flags it must carry)
    "page.html": ("utf-8", set()),
    "pdf_extract.txt": ("utf-8", set()),
    "gb18030.txt": ("gb18030", set()),
    "big5.txt": ("big5", set()),
    "utf16.txt": ("utf-16", set()),
    "utf8sig.txt": ("utf-8-sig", set()),
    "no_headings.txt": ("utf-8", {"no_issues_section", "no_plans_section"}),
}


def test_the_whole_corpus_loads_or_fails_by_name(tmp_path):
    write_corpus(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("load_reports", str(tmp_path), stdout=out, stderr=err)
    failures = dict(re.findall(r"FAILED \S*/([^/:]+): (.+)", err.getvalue()))
    assert set(failures) == set(FAILS), err.getvalue()
    for name, reason in FAILS.items():
        assert reason in failures[name], (name, failures[name])
    assert f"loaded {len(LOADS)}," in out.getvalue() and "duplicate 1," in out.getvalue()

    reports = {r.source_file: r for r in Report.objects.all()}
    assert set(reports) == set(LOADS)  # nothing from a failed file, no second copy
    for name, (encoding, flags) in LOADS.items():
        assert reports[name].encoding == encoding, name
        assert flags <= set(reports[name].flags), name
    assert reports["no_headings.txt"].sections.get().heading == "正文"
    assert integrity_problems() == []
    # Loading the corpus again changes nothing and breaks nothing.
    with pytest.raises(CommandError):
        call_command("load_reports", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert Report.objects.count() == len(LOADS) and integrity_problems() == []


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    huge = write_corpus(tmp_path)["huge.txt"]
    tracemalloc.start()
    try:
        with pytest.raises(Exception, match="file too large"):
            load_file(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_encodings_give_the_same_report_as_utf8():
    reference = parse_bytes(seed_text(0).encode(), filename="a.txt")
    for encoding in ("gb18030", "utf-16", "utf-8-sig"):
        parsed = parse_bytes(seed_text(0).encode(encoding), filename="a.txt")
        assert parsed.title == reference.title, encoding
        assert [i.headline for i in parsed.issues] == [i.headline for i in reference.issues]
        assert [p.headline for p in parsed.plans] == [p.headline for p in reference.plans]


def test_pdf_extracted_text_keeps_its_outline():
    reference = parse_bytes(seed_text(1).encode(), filename="a.txt")
    parsed = parse_bytes(pdf_text(seed_text(1)).encode(), filename="a.txt")
    assert parsed.title == reference.title
    assert [i.headline for i in parsed.issues] == [i.headline for i in reference.issues]
    assert len(parsed.plans) == len(reference.plans)


# --- bugs found (fixes belong to the parsing room; see the final report) ---------------


def test_pdf_page_numbers_do_not_reach_the_text():
    parsed = parse_bytes(pdf_text(seed_text(1)).encode(), filename="a.txt")
    assert not re.search(r"-\s*\d+\s*-", parsed.body_text)


def test_a_web_page_is_read_as_its_text_not_its_markup(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(web_page(seed_text(2)), encoding="utf-8")
    parsed, reference = parse_file(path), parse_bytes(seed_text(2).encode(), filename="x")
    assert parsed.title == reference.title
    assert [i.headline for i in parsed.issues] == [i.headline for i in reference.issues]
    for leftover in ("<p>", "脚本", "_trackPageview", "样式", "首页"):
        assert leftover not in parsed.body_text, leftover


def test_the_same_report_in_another_encoding_is_a_duplicate(tmp_path):
    (tmp_path / "a.txt").write_bytes(seed_text(0).encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(seed_text(0).encode("gb18030"))
    out = io.StringIO()
    call_command("load_reports", str(tmp_path), stdout=out, stderr=io.StringIO())
    assert Report.objects.count() == 1, out.getvalue()
