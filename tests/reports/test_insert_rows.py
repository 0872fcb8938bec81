"""rows.insert_rows and rows.take_ids: plain tuples stored as the model would store them."""

from __future__ import annotations

import pytest
from django.db import transaction

from lawreports.analysis.models import Figure
from lawreports.reports.models import Agency, Report, Section
from lawreports.reports.services.rows import insert_rows, take_ids

pytestmark = pytest.mark.django_db

COLUMNS = ("id", "report_id", "parent_id", "order", "depth", "number", "heading", "body", "kind",
           "curated")  # fmt: skip


@pytest.fixture
def report():
    agency = Agency.objects.create(name="某县司法局", kind="department")
    return Report.objects.create(source_file="a.txt", content_hash="a", title="t", agency=agency)


def test_children_name_parents_taken_in_the_same_call(report):
    with transaction.atomic():
        top, child = take_ids(Section, 2)
        insert_rows(
            Section,
            COLUMNS,
            [
                (child, report.pk, top, 1, 1, "(一)", "子", "正文二", "other", False),  # first
                (top, report.pk, None, 0, 0, "一", "父", "正文一", "problems", False),
            ],
        )
    stored = list(
        Section.objects.order_by("order").values_list(
            "id", "parent_id", "order", "depth", "number", "heading", "body", "kind", "curated"
        )
    )
    assert stored == [
        (top, None, 0, 0, "一", "父", "正文一", "problems", False),
        (child, top, 1, 1, "(一)", "子", "正文二", "other", False),
    ]
    later = Section.objects.create(report=report, order=2, heading="后")
    assert later.pk > max(top, child)  # the table's own ids continue past the taken ones


def test_taken_ids_are_unused_and_increasing(report):
    with transaction.atomic():
        ids = take_ids(Section, 3)
        assert ids == sorted(ids) and len(set(ids)) == 3
        assert not Section.objects.filter(pk__in=ids).exists()
        assert take_ids(Section, 0) == []


def test_the_table_gives_ids_when_left_out(report):
    columns = ("report_id", "section_id", "order", "number", "value", "unit", "approx", "noun",
               "sentence")  # fmt: skip
    rows = [(report.pk, None, i, str(i), float(i), "件", False, "案件", "s") for i in range(3)]
    insert_rows(Figure, columns, rows)
    stored = Figure.objects.order_by("order")
    assert [f.order for f in stored] == [0, 1, 2] and all(f.pk for f in stored)
    assert [f.value for f in stored] == [0.0, 1.0, 2.0]


def test_wrong_columns_are_refused(report):
    with pytest.raises(ValueError):
        insert_rows(Section, COLUMNS[:-1], [])  # curated missing
    with pytest.raises(ValueError):
        insert_rows(Report, ("id", "title"), [])  # not all columns; flags needs preparing
