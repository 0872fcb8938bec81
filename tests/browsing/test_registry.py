"""Everything about a facet is derived from its one declaration: the form field, the column,
the masks and counts, the chips, the API parameters and their OpenAPI entries. A facet
declared here (and nowhere else) appears in all of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lawreports.browsing import columns, registry
from lawreports.browsing.kinds import Facet, Kind
from lawreports.browsing.params import filter_form

pytestmark = pytest.mark.django_db

REVIEW = Facet(
    name="review", label="审核状态", field="review_status",
    choices=(("unreviewed", "未审核"), ("reviewed", "已审核")), doc="审核状态",
)  # fmt: skip


@pytest.fixture
def with_review(monkeypatch):
    """The registry with one more facet, declared only here."""
    monkeypatch.setattr(registry, "FACETS", (*registry.FACETS, REVIEW))
    monkeypatch.setattr(registry, "BY_NAME", {**registry.BY_NAME, "review": REVIEW})
    filter_form.cache_clear()
    yield REVIEW
    filter_form.cache_clear()


def test_every_declared_facet_has_a_form_field_column_and_api_entry(seeded, client):
    fields = filter_form().base_fields
    data = columns.current().data
    documented = {
        p["name"]: p
        for p in client.get("/api/openapi.json").json()["paths"]["/api/reports"]["get"][
            "parameters"
        ]
    }
    for facet in registry.FACETS:
        assert set(facet.params) <= set(fields), facet.name
        assert set(facet.params) <= set(documented), facet.name
        assert len(data[facet.name]) == len(seeded), facet.name  # one value per report
        if facet.kind is not Kind.SINGLE:
            assert documented[facet.name]["schema"]["type"] == "array", facet.name
        if facet.choices:
            items = documented[facet.name]["schema"].get("items", documented[facet.name]["schema"])
            assert items["enum"] == [key for key, _ in facet.choices], facet.name


def test_a_new_declaration_reaches_the_form_columns_counts_chips_and_api(
    seeded, client, with_review
):
    from lawreports.reports.models import Report

    one = seeded["002"]
    Report.objects.filter(pk=one.pk).update(review_status="reviewed")
    assert "review" in filter_form().base_fields
    assert "review" in columns.current().data

    page = client.get(reverse("reports:list"))
    groups = dict((name, values) for name, _, values in page.context["browse"].facet_groups)
    assert {v.label: v.count for v in groups["review"]} == {"未审核": 4, "已审核": 1}

    chosen = client.get(reverse("reports:list"), {"review": "reviewed"})
    assert [r.report.pk for r in chosen.context["browse"].rows] == [one.pk]
    assert ("审核状态", "已审核") in {(c["name"], c["label"]) for c in chosen.context["chips"]}

    api = client.get("/api/reports", {"review": "reviewed"}).json()
    assert [r["id"] for r in api["results"]] == [one.pk]
    assert api["filters"]["review"]["values"] == ["reviewed"]
    documented = client.get("/api/openapi.json").json()["paths"]["/api/reports"]["get"]
    entry = next(p for p in documented["parameters"] if p["name"] == "review")
    assert entry["schema"]["items"]["enum"] == ["unreviewed", "reviewed"]


def test_the_script_facet_filters_and_counts_simplified_and_traditional(seeded, client):
    page = client.get(reverse("reports:list"), {"script": "traditional"})
    browse = page.context["browse"]
    assert [r.report.source_file[:3] for r in browse.rows] == ["004"]
    assert {v.value: v.count for v in browse.facets["script"]} == {
        "simplified": 4, "traditional": 1,
    }  # fmt: skip
    assert "字体：繁体" in page.content.decode()
