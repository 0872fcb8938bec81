"""The five seed reports, field for field against expected.json."""

from __future__ import annotations

import json

import pytest
from parsing_support import DATA, REPO, SEEDS, headlines, load_expected

from lawreports.parsing import parse_file
from lawreports.parsing.region import available as regions_available

EXPECTED = load_expected()
IDS = [e["file"][:3] for e in EXPECTED]
REGION_FIELDS = ("level", "province", "prefecture", "county", "township", "region_code")
needs_regions = pytest.mark.skipif(
    not regions_available(), reason="lawreports.parsing.regions cannot be imported"
)


@pytest.fixture(scope="module")
def reports():
    return {e["file"]: parse_file(SEEDS / e["file"]) for e in EXPECTED}


def test_local_expected_matches_shared_copy():
    shared = REPO.parent / "shared" / "seeds" / "expected.json"
    if not shared.exists():
        pytest.skip("../shared/seeds is not there")
    assert json.loads(shared.read_text("utf-8")) == json.loads(
        (DATA / "expected.json").read_text("utf-8")
    )


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_scalar_fields(reports, exp):
    got = reports[exp["file"]].to_json()
    for key in (
        "file", "title", "agency", "agency_kind", "year", "report_date", "published_on",
        "index_no", "source", "script",
    ):  # fmt: skip
        assert got[key] == exp[key], key
    assert got["title_inferred"] is (not exp["title_in_text"])


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_outline(reports, exp):
    got = reports[exp["file"]].to_json()
    assert [s["heading"] for s in got["sections"]] == exp["top_sections"]
    assert [len(s["children"]) for s in got["sections"]] == exp["subsection_counts"]


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_issues_and_plans(reports, exp):
    report = reports[exp["file"]]
    assert headlines(report.issues) == ["".join(h.split()) for h in exp["issues"]]
    assert headlines(report.plans) == ["".join(h.split()) for h in exp["plans"]]


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_item_paths_point_at_sections(reports, exp):
    report = reports[exp["file"]]
    for item in report.issues + report.plans:
        node = report.sections[item.section_path[0]]
        for i in item.section_path[1:]:
            node = node.children[i]
        assert item.headline.split()[0][:4] in item.text


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_addressee(reports, exp):
    assert reports[exp["file"]].addressed_to == exp.get("addressed_to")


@needs_regions
@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_region_fields(reports, exp):
    got = reports[exp["file"]].to_json()
    for key in REGION_FIELDS:
        assert got[key] == exp[key], key


@needs_regions
@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_flags(reports, exp):
    assert reports[exp["file"]].flags == exp["flags"]


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_flags_other_than_region(reports, exp):
    got = [f for f in reports[exp["file"]].flags if f != "region_unresolved"]
    assert got == exp["flags"]


@pytest.mark.parametrize("exp", EXPECTED, ids=IDS)
def test_json_shape_and_text_fields(reports, exp):
    report = reports[exp["file"]]
    raw = (SEEDS / exp["file"]).read_bytes()
    got = report.to_json()
    assert list(got) == [
        "file", "title", "title_inferred", "agency", "agency_kind", "level", "province",
        "prefecture", "county", "township", "region_code", "year", "report_date",
        "published_on", "index_no", "source", "script", "sections", "issues", "plans", "flags",
        "source_url",
    ]  # fmt: skip
    json.dumps(got, ensure_ascii=False)
    assert report.original_text == raw.decode("utf-8")
    assert len(report.content_hash) == 64
    assert report.body_text and "扫一扫" not in report.body_text
    assert all(set(i.summary()) == {"headline", "text"} for i in report.issues)
