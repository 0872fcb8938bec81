"""Hand-written variants of what real report pages do (v24 onwards), labelled like the real
pages (data/variants/labels.jsonl) and held at 100% with the real-page evaluator; and the
flags that say which fields were inferred rather than read."""

from __future__ import annotations

import pytest
from parsing_support import VARIANTS

from lawreports.parsing import parse_file
from lawreports.parsing.evaluate import errors, load_labels, score
from lawreports.parsing.region import available as regions_available

LABELS = VARIANTS / "labels.jsonl"
INFERENCE_FLAGS = ("agency_inferred", "region_inferred", "year_inferred", "title_suspect")

# file -> the inference flags it must carry (and no others).
FLAGS = {
    "v24_breadcrumb_glued": [],  # everything read from the title and the stamp
    "v29_no_title_province_department": ["agency_inferred", "region_inferred"],
    "v30_no_title_street_in_municipality": ["agency_inferred"],  # parent named in the body
    "v32_joint_voice_no_title": ["agency_inferred"],
    "v35_voice_city_abbrev_dept": ["agency_inferred", "region_inferred"],
    "v37_title_without_issuer": ["agency_inferred", "title_suspect"],
    "v38_year_from_body": ["year_inferred"],
    "v39_department_unnamed": ["region_inferred", "title_suspect"],
}


@pytest.mark.skipif(not regions_available(), reason="lawreports.parsing.regions missing")
def test_labelled_variants_are_parsed_exactly():
    labels = load_labels([LABELS])
    assert len(labels) >= 13
    outcomes, missing = score(VARIANTS, labels)
    assert not missing
    assert not [o for o in outcomes if not o.ok], errors(outcomes)


@pytest.mark.parametrize("name", sorted(FLAGS))
def test_inference_flags(name):
    report = parse_file(VARIANTS / f"{name}.txt")
    assert [f for f in report.flags if f in INFERENCE_FLAGS] == FLAGS[name]


def test_no_issuer_means_no_guess():
    """v38 names no place and only says 我局: the issuer stays unknown, and that shows."""
    report = parse_file(VARIANTS / "v38_year_from_body.txt")
    assert report.agency is None and "region_unresolved" in report.flags
    assert report.year == 2024 and "year_uncertain" in report.flags


def test_signing_date_is_not_the_publication_date():
    report = parse_file(VARIANTS / "v24_breadcrumb_glued.txt")
    assert (report.published_on, report.report_date) == ("2023-03-20", "2023-03-15")


def test_document_number_before_the_title_is_kept_apart():
    report = parse_file(VARIANTS / "v27_doc_number_title.txt")
    assert report.doc_no == "叙卫〔2024〕3号"
    assert report.title.startswith("宜宾市叙州区卫生健康局")


@pytest.mark.parametrize(
    "name",
    [
        "v24_breadcrumb_glued",
        "v25_update_stamp",
        "v26_bare_date_split_title",
        "v41_time_key_publisher",
    ],
)
def test_page_header_stays_out_of_the_report(name):
    report = parse_file(VARIANTS / f"{name}.txt")
    widgets = (
        "位置",
        "字号",
        "视力保护色",
        "匹配度",
        "浏览次数",
        "星期",
        "来源",
        "时间:",
        "适老版",
    )
    assert not [w for w in widgets if w in report.body_text]
    assert report.title not in report.preamble  # a title printed twice is printed once
