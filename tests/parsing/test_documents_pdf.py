"""PDF reports: the seeds printed by Chromium (its date/title header and address/page
footer on every page) parse to the seeds' truth; page furniture goes; scans fail by name."""

from __future__ import annotations

import re

import pytest
from document_fixtures import (
    SOFFICE,
    assert_truth,
    built,
    furniture_pdf,
    libreoffice_convert,
    require,
    scanned_pdf,
    seeds,
)
from parsing_support import headlines

from lawreports.parsing import ParseError, parse_bytes, parse_file
from lawreports.parsing.documents.pdf import pdf_text

SEEDS = seeds()
IDS = [s.file[:3] for s in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_printed_pdf_parses_to_the_seeds_truth(seed):
    report = parse_file(built()[seed.file]["pdf"])
    assert_truth(report, seed.expected)
    assert report.encoding == "pdf"


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_browser_header_and_footer_are_gone_and_paragraphs_whole(seed):
    text = pdf_text(built()[seed.file]["pdf"].read_bytes())
    assert "file://" not in text
    assert not re.search(r"\d+/\d+/\d+, \d+:\d+", text)  # the printed date and time
    assert not re.search(r"(?m)^\d+/\d+$", text)  # n/N
    # The header repeats the title on every page; the text keeps at most its own copy.
    assert text.count(seed.title) <= seed.text.count(seed.title)
    # Every paragraph of the seed comes out as one line, however many lines it wrapped to.
    lines = {"".join(line.split()) for line in text.splitlines()}
    assert all("".join(p.split()) in lines for p in seed.lines())


def test_page_numbers_and_printed_address_lines_are_removed(tmp_path):
    seed = SEEDS[2]
    built()
    text = pdf_text(furniture_pdf(seed, tmp_path).read_bytes())
    assert "- 1 -" not in text and "- 2 -" not in text
    assert not re.search(r"第\d+页\s*共\d+页", text)
    assert "example.gov.cn" not in text and "15:32" not in text
    assert_truth(parse_file(tmp_path / "furniture.pdf"), seed.expected)


def test_scanned_pdf_fails_by_name(tmp_path):
    built()
    data = scanned_pdf(SEEDS[0], tmp_path).read_bytes()
    with pytest.raises(ParseError, match="no text layer; OCR not supported"):
        parse_bytes(data, filename="scan.pdf")


def test_broken_pdf_fails_by_name():
    with pytest.raises(ParseError, match="cannot read PDF"):
        parse_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated", filename="broken.pdf")


def test_word_processor_pdf_keeps_quotes_in_place_and_drops_its_page_furniture(tmp_path):
    """LibreOffice draws quotation marks (another font) after the line; its page header
    and footer are "第 N 页 共 M 页" and "- N -"."""
    require(SOFFICE, "LibreOffice", "apt-get install libreoffice-writer-nogui")
    seed = SEEDS[1]
    pdf = libreoffice_convert(built()[seed.file]["docx"], "pdf", tmp_path)
    text = pdf_text(pdf.read_bytes())
    assert "深入推进“放管服”改革" in text
    assert "- 1 -" not in text and not re.search(r"第 \d+ 页 共 \d+ 页", text)
    report = parse_file(pdf)
    assert report.agency == seed.expected["agency"]
    assert headlines(report.issues) == ["".join(h.split()) for h in seed.expected["issues"]]
