"""Titles, agencies and their kinds, addressees, dates and years."""

from __future__ import annotations

import pytest

from lawreports.parsing.agency import (
    addressee,
    agency_from_self_reference,
    agency_from_title,
    agency_kind,
    canonical_agency,
    choose_agency,
    is_title,
)
from lawreports.parsing.dates import cn_number, parse_date
from lawreports.parsing.normalise import analysis_copy
from lawreports.parsing.years import report_year


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("茂名市政府辦公室", "茂名市人民政府办公室"),
        ("蒙自市政府办公室", "蒙自市人民政府办公室"),
        ("蒙自市政府办", "蒙自市人民政府办公室"),
        ("某某县政府", "某某县人民政府"),
        ("奈曼旗", "奈曼旗人民政府"),
        ("荥阳市人民政府", "荥阳市人民政府"),
        ("荥阳市科工信局", "荥阳市科工信局"),
    ],
)
def test_canonical_agency(raw, canonical):
    assert canonical_agency(analysis_copy(raw)) == canonical


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("土城子乡人民政府", "government"),
        ("南湖区建设街道办事处", "government"),
        ("蒙自市人民政府办公室", "government_office"),
        ("云南省人民政府办公厅", "government_office"),
        ("荥阳市科工信局", "department"),
        ("某县发展和改革委员会", "department"),
        ("某县政务服务中心", "department"),
        ("某县人民政府法制办", "department"),
        ("中共奈曼旗委员会", "party_committee"),
        ("中共某县委", "party_committee"),
        ("某县人民法院", "other"),
        (None, None),
    ],
)
def test_agency_kind(name, kind):
    assert agency_kind(name) == kind


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("蒙自市人民政府办公室2022年法治政府建设情况报告", "蒙自市人民政府办公室"),
        ("昭通市人民政府2020年度法治政府建设工作报告", "昭通市人民政府"),
        ("奈曼旗人民政府关于2022年度法治政府建设情况的报告", "奈曼旗人民政府"),
        ("关于2022年度荥阳市科工信局法治政府建设情况的报告", "荥阳市科工信局"),
        ("中共某某县委 某某县人民政府2022年法治政府建设情况报告", "某某县人民政府"),
        ("某某县2022年法治政府建设年度报告", "某某县人民政府"),
    ],
)
def test_agency_from_title(title, agency):
    assert agency_from_title(title) == agency


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("蒙自市人民政府办公室2022年法治政府建设情况报告", True),
        ("某县2022年依法行政工作报告", True),
        ("现将2022年法治政府建设情况报告如下。", False),
        ("一、2023年法治政府建设工作情况", False),
        ("2022年度工作总结", False),
    ],
)
def test_is_title(line, title):
    assert is_title(line) is title


def test_signature_prefers_government_over_party():
    assert choose_agency(["中共土城子乡委员会", "土城子乡人民政府"]) == "土城子乡人民政府"
    assert choose_agency(["我乡在法治政府"]) is None


def test_addressee():
    assert addressee("荥阳市人民政府:") == "荥阳市人民政府"
    assert addressee("荥阳市人民政府") is None


def test_self_reference_finds_the_full_name():
    text = (
        "在市委的正确领导和市司法局的具体指导下,我局认真推进。"
        "参与荥阳市科工信局拟定合同,明确了市科工信局工作职能,郑州市应急管理局来函。"
    )
    assert agency_from_self_reference(text, "荥阳市人民政府") == "荥阳市科工信局"
    assert agency_from_self_reference("没有自称。", "荥阳市人民政府") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2023年2月6日", "2023-02-06"),
        ("2023 年 2 月 6 日", "2023-02-06"),
        ("二〇二三年二月六日", "2023-02-06"),
        ("二○二二年十二月二十五日", "2022-12-25"),
        ("2021-02-03", "2021-02-03"),
        ("2023/2/7", "2023-02-07"),
        ("2023年2月30日", None),
        ("无日期", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_cn_number():
    assert [cn_number(x) for x in ("一", "十", "十二", "二十", "三十一", "二〇二三")] == [
        1, 10, 12, 20, 31, 2023,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "opening", "preamble", "date", "year", "sure"),
    [
        ("某县2022年法治政府建设情况报告", "", "", "2023-02-01", 2022, True),
        ("", "2021年,某县人民政府…", "", None, 2021, True),
        ("", "今年以来,…", "现将2020年法治政府建设情况报告如下", None, 2020, True),
        ("", "今年以来,…", "", "2023-03-01", 2022, False),
        ("", "今年以来,…", "", "2022-11-25", 2022, False),
    ],
)
def test_report_year(title, opening, preamble, date, year, sure):
    assert report_year(title, opening, preamble, date, "") == (year, sure)
