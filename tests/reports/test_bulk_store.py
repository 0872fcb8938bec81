"""Batches of new reports (bulk.store_new) store exactly what store_report stores."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lawreports.reports.services import bulk, loading

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # the benchmark's corpus generator


def _snapshot() -> list[tuple]:
    """Everything a stored report amounts to, without ids and timestamps."""
    from lawreports.analysis.models import ReportAnalysis
    from lawreports.reports.models import Report
    from lawreports.search.models import ReportSearchDocument

    out = []
    for r in Report.objects.select_related("agency").order_by("source_file"):
        sections = [
            (s.order, s.depth, s.number, s.heading, s.body, s.kind, s.parent and s.parent.order)
            for s in r.sections.select_related("parent").order_by("order")
        ]
        items = [
            (kind, i.order, i.headline, i.text, i.section.order)
            for kind, rows in (("issue", r.issues), ("plan", r.plans))
            for i in rows.select_related("section").order_by("order")
        ]
        analysis = ReportAnalysis.objects.filter(report=r).values().get()
        analysis.pop("analysed_at"), analysis.pop("report_id")
        figures = list(
            r.figures.order_by("order").values_list(
                "order", "section__order", "number", "value", "unit", "noun", "sentence"
            )
        )
        themes = sorted(
            r.item_themes.values_list("theme__name", "kind", "issue__order", "plan__order")
        )
        document = ReportSearchDocument.objects.filter(report=r).values("text", "vector", "head")
        fields = [
            getattr(r, f.attname)
            for f in Report._meta.concrete_fields
            if f.attname not in {"id", "agency_id", "created_at", "updated_at"}
        ]
        out.append(
            (fields, r.agency.name, sections, items, analysis, figures, themes, list(document))
        )
    return out


@pytest.fixture
def corpus(tmp_path, seeds_dir) -> list[Path]:
    """The seeds and a few generated reports (traditional ones among them)."""
    from bench.corpus import write_corpus

    raw, _text = write_corpus(12, tmp_path)
    return loading.report_files([seeds_dir, raw])


@pytest.mark.django_db
def test_batch_stores_what_one_by_one_stores(corpus, caplog):
    from lawreports.reports.models import Report

    summary = loading.load_files(corpus, batch_size=7)
    assert summary.failures == [] and summary.counts == {"loaded": len(corpus)}
    assert "batch write failed" not in caplog.text  # the batches themselves stored them
    batched = _snapshot()
    assert all(row[0] for row in batched)
    Report.objects.all().delete()
    for path in corpus:
        assert loading.load_file(path).status == "loaded"
    assert _snapshot() == batched


@pytest.mark.django_db
def test_batch_reports_are_found_and_counted(corpus):
    from lawreports.reports.models import Report
    from lawreports.search import search_reports

    loading.load_files(corpus)
    assert search_reports("法治政府").count == len(corpus)
    flagged = Report.objects.exclude(flags=[])
    assert all(r.flag_count == len(r.flags) for r in flagged)


@pytest.mark.django_db
def test_known_files_in_a_batch_take_the_careful_path(corpus, tmp_path):
    first = loading.load_files(corpus[:5])
    twin = tmp_path / "twin.txt"
    twin.write_bytes(corpus[0].read_bytes())
    again = loading.load_files([*corpus, twin])
    assert first.counts == {"loaded": 5}
    assert again.counts == {"unchanged": 5, "loaded": len(corpus) - 5, "duplicate": 1}


@pytest.mark.django_db
def test_a_failed_batch_is_stored_one_by_one(corpus, monkeypatch):
    from lawreports.reports.models import Report, Section

    def fail(new):
        raise RuntimeError("lost connection")

    monkeypatch.setattr(bulk, "_insert_sections", fail)
    summary = loading.load_files(corpus)
    assert summary.failures == [] and summary.counts == {"loaded": len(corpus)}
    # Nothing of the failed batch stayed behind twice: one row per file.
    assert Report.objects.count() == len(corpus)
    assert Section.objects.filter(report__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_load_everything_once(tmp_path, postgres_only):
    from bench.corpus import write_corpus
    from lawreports.reports.models import Report
    from lawreports.search import search_reports

    raw, _text = write_corpus(250, tmp_path)  # more than one batch each for two workers
    files = loading.report_files([raw])
    summary = loading.load_files_parallel(files, workers=2)
    assert summary.failures == [] and summary.counts == {"loaded": 250}
    assert Report.objects.count() == 250
    assert search_reports("法治政府").count == 250
    again = loading.load_files_parallel(files, workers=2)
    assert again.counts == {"unchanged": 250}
