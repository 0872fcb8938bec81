"""Word reports: .docx paragraphs in order and tables as text; .doc and .wps through
LibreOffice, or a named failure with the way to install it."""

from __future__ import annotations

import pytest
from document_fixtures import SOFFICE, assert_truth, built, libreoffice_convert, require, seeds

from lawreports.parsing import ParseError, parse_bytes, parse_file
from lawreports.parsing.documents import legacy
from lawreports.parsing.documents.word import docx_text

SEEDS = seeds()
IDS = [s.file[:3] for s in SEEDS]


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_docx_parses_to_the_seeds_truth(seed):
    report = parse_file(built()[seed.file]["docx"])
    assert_truth(report, seed.expected)
    assert report.encoding == "docx"


@pytest.mark.parametrize("seed", SEEDS, ids=IDS)
def test_paragraphs_in_order_and_page_header_and_footer_left_out(seed):
    lines = docx_text(built()[seed.file]["docx"].read_bytes()).split("\n")
    body = [line for line in seed.lines() if line != "-"]
    assert [line.replace(" ", "") for line in lines] == [line.replace(" ", "") for line in body]
    assert not any(line.startswith(("第 ", "- ")) for line in lines)


def test_table_rows_read_as_text():
    """Seed 000's 索引号/发布机构/发布日期 header is a table in its Word file."""
    seed = SEEDS[0]
    text = docx_text(built()[seed.file]["docx"].read_bytes())
    assert text.startswith("索引号 000014348/2023-00211\n发布机构 蒙自市政府办公室")
    report = parse_file(built()[seed.file]["docx"])
    assert report.index_no == seed.expected["index_no"]
    assert report.published_on == seed.expected["published_on"]


def test_zip_that_is_not_word_fails_by_name(tmp_path):
    import zipfile

    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(ParseError, match="not a Word document"):
        parse_file(path)


def test_doc_without_libreoffice_fails_with_the_install_hint(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    for name in ("report.doc", "report.wps"):
        with pytest.raises(ParseError) as failure:
            parse_bytes(data, filename=name)
        message = str(failure.value)
        assert "LibreOffice" in message and "apt-get install libreoffice" in message
        assert f".{name.split('.')[1]}" in message


@pytest.mark.parametrize("suffix", ["doc", "wps"])
def test_doc_and_wps_load_through_libreoffice(tmp_path, suffix):
    require(SOFFICE, "LibreOffice", "apt-get install libreoffice-writer-nogui")
    seed = SEEDS[0]
    doc = libreoffice_convert(built()[seed.file]["docx"], "doc", tmp_path)
    # A WPS Writer file is the same binary Word format under another name.
    path = doc.rename(tmp_path / f"report.{suffix}")
    report = parse_file(path)
    assert_truth(report, seed.expected)
    assert report.encoding == suffix and report.index_no == seed.expected["index_no"]
