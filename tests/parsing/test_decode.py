"""Bytes in every encoding the archive meets; binary and empty input refused."""

from __future__ import annotations

import codecs
import os

import pytest
from parsing_support import SEEDS

from lawreports.parsing import ParseError, parse_bytes
from lawreports.parsing.decode import decode_bytes

SIMPLIFIED = (SEEDS / "000_bfee8bb3aceb5354.txt").read_text(encoding="utf-8")
TRADITIONAL = (
    "茂名市人民政府辦公室2020年法治政府建設情況報告\n"
    "2020年,茂名市政府辦公室認真貫徹落實《法治政府建設與責任落實督察工作規定》。\n"
    "一、推進法治政府建設的主要舉措及成效\n(一)加強黨對法治政府建設領導。嚴格落實學習制度。\n"
    "二、存在問題\n(一)政務公開工作仍有提升空間。解讀方式比較單一。\n"
    "三、下一步工作計劃\n(一)加大政務公開工作力度。提升工作人員業務水平。\n"
    "茂名市人民政府辦公室\n2020年12月15日\n"
)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("gbk", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_simplified_seed_in_each_encoding(encoding, reported):
    text, name = decode_bytes(SIMPLIFIED.encode(encoding))
    assert text == SIMPLIFIED
    assert name == reported


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_utf16_with_bom(bom):
    codec = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"
    text, _ = decode_bytes(bom + SIMPLIFIED.encode(codec))
    assert text == SIMPLIFIED


@pytest.mark.parametrize("encoding", ["big5", "gb18030", "utf-16-le", "utf-8-sig"])
def test_traditional_text_in_each_encoding(encoding):
    text, _ = decode_bytes(TRADITIONAL.encode(encoding))
    assert text == TRADITIONAL


def test_big5_report_parses_like_utf8():
    a = parse_bytes(TRADITIONAL.encode("big5"), filename="t.txt")
    b = parse_bytes(TRADITIONAL.encode("utf-8"), filename="t.txt")
    assert a.encoding == "big5"
    assert a.to_json() == b.to_json()
    assert a.script == "traditional"
    assert a.agency == "茂名市人民政府办公室"
    assert a.content_hash == b.content_hash  # the same text in another encoding: one report


def test_short_gbk_is_not_mistaken_for_big5():
    text = "法治政府建设情况报告:一是加强组织领导,二是完善制度建设。"
    assert decode_bytes(text.encode("gbk")) == (text, "gb18030")


def test_pure_cjk_utf16_without_bom_or_nuls():
    text = "法治政府建设年度报告主要举措和成效存在问题下一步工作计划"
    assert decode_bytes(text.encode("utf-16-le"))[0] == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\r\n\t", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
        (b"\x00\x01\x02\x03" * 500, "binary"),
        (bytes(range(1, 9)) * 300, "control"),
        (b"\x81\x30\xff\xfe\xfd\xfc" * 50 + b"\x80", "cannot decode"),
    ],
)
def test_unreadable_input_raises_parse_error(data, reason):
    with pytest.raises(ParseError, match=reason):
        parse_bytes(data, filename="x.txt")


def test_random_bytes_are_refused():
    with pytest.raises(ParseError):
        parse_bytes(os.urandom(4096), filename="noise.bin")


def test_text_without_chinese_is_refused():
    with pytest.raises(ParseError, match="no report text"):
        parse_bytes(b"Hello world\nnothing to see", filename="en.txt")
