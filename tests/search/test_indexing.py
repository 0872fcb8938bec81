from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from lawreports.search import index_report, indexing_suspended, search_reports, unindex_report
from lawreports.search.models import ReportSearchDocument
from tests.search.conftest import make_report

pytestmark = pytest.mark.django_db


def test_reindex_command_rebuilds(seed_reports):
    ReportSearchDocument.objects.all().delete()
    unindex_report(seed_reports["000"].pk)
    assert search_reports("蒙自").count == 0
    out = io.StringIO()
    call_command("reindex", "--batch-size", "2", stdout=out)
    assert "reindexed 5 reports" in out.getvalue()
    assert search_reports("蒙自").count == 1
    assert ReportSearchDocument.objects.count() == 5


def test_edits_reindex_after_commit(db, django_capture_on_commit_callbacks):
    report = make_report("e1", "某县报告", [("一、概况", "开展普法宣传。")])
    section = report.sections.get()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        section.body = "推进公平竞争审查。"
        section.save()
        report.title = "某县法律顾问工作报告"
        report.save()
    reindexes = [c for c in callbacks if getattr(c.__self__, "action", None) is index_report]
    assert len(reindexes) == 1  # one re-index per report per transaction
    assert search_reports("公平竞争审查").count == 1
    assert search_reports("普法宣传").count == 0
    assert search_reports("法律顾问").count == 1
    with django_capture_on_commit_callbacks(execute=True):
        section.delete()
    assert search_reports("公平竞争审查").count == 0


def test_suspended_signals_and_explicit_index(db, django_capture_on_commit_callbacks):
    report = make_report("e2", "某县报告", [("一、概况", "开展普法宣传。")])
    with django_capture_on_commit_callbacks(execute=True) as callbacks, indexing_suspended():
        report.title = "行政复议报告"
        report.save()
    assert callbacks == [] and search_reports("行政复议").count == 0
    index_report(report)
    assert search_reports("行政复议").count == 1


def test_deleting_a_report_unindexes_it(db):
    report = make_report("e3", "某县报告", [("一、概况", "开展普法宣传。")])
    report.delete()
    assert search_reports("普法宣传").count == 0
    assert not ReportSearchDocument.objects.exists()
