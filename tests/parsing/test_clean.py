"""Stray characters, web chrome and PDF-broken lines."""

from __future__ import annotations

import pytest
from parsing_support import SEEDS

from lawreports.parsing import parse_file, parse_text
from lawreports.parsing.clean import is_chrome, split_lines
from lawreports.parsing.normalise import analysis_copy, has_encoding_damage

BODY = (
    "2022年,五华区人民政府扎实推进法治政府建设,取得积极成效。\n"
    "一、主要举措和成效\n(一)加强组织领导。全年专题研究四次。\n"
    "二、存在问题\n(一)法治意识有待增强。部分干部重视不够。\n"
    "三、下一步计划\n(一)加强法治培训。组织专题培训。\n五华区人民政府\n2023年2月6日\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "站点导航",
        "首页 > 政务公开 > 法治政府",
        "当前位置:首页 > 信息公开",
        "【大 中 小】",
        "字号:【大 中 小】",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "分享到:",
        "扫一扫在手机打开当前页",
        "主办:茂名市人民政府办公室",
        "承办:茂名市信息中心",
        "內容及技術支持:南方新聞網",
        "粵ICP備05085994號-1",
        "访问量:1234",
        "上一篇:关于印发某办法的通知",
        "下一篇:2022年政府信息公开年报",
        "本站",
    ],
)
def test_chrome_lines(line):
    assert is_chrome(analysis_copy(line))


@pytest.mark.parametrize(
    "line",
    [
        "启用合法性审核专门字号和合法性审核专用章,提升规范化水平。",
        "群众扫一扫二维码即可办理,全年办理事项三千件,有效提升了办事效率和群众满意度,受到广泛好评。",
        "一、主要举措和成效",
    ],
)
def test_body_lines_are_not_chrome(line):
    assert not is_chrome(analysis_copy(line))


def test_odd_spaces_and_zero_width_do_not_break_headings():
    text = BODY.replace("一、主要", "\u00a0\u3000一、\u200b主要").replace(
        "(一)法治", "\ue010□(一)\ufeff法治"
    )
    report = parse_text("五华区人民政府2022年法治政府建设情况报告\n" + text, filename="x")
    assert [s.heading for s in report.sections] == ["主要举措和成效", "存在问题", "下一步计划"]
    assert report.issues[0].headline == "法治意识有待增强"


def test_split_lines_normalises_line_ends():
    assert split_lines("甲\r\n乙\r丙\n") == ["甲", "乙", "丙", ""]


def test_pdf_broken_lines_are_joined_in_seed_003():
    report = parse_file(SEEDS / "003_5a7ed637e8473e00.txt")
    assert "市司法局的具体指导下" in report.preamble
    body = report.sections[0].children[0].body
    assert "律师薛宝庆担任法律顾问" in body
    assert "\n" not in body


def test_heading_lines_and_signature_are_not_joined():
    text = (
        "五华区人民政府2022年法治政府建设情况报告\n"
        "2022年,五华区人民政府在区委的正确领导下扎实推进法治政府建设各项工作取得\n"
        "积极成效。\n一、主要举措和成效\n(一)加强组织领导\n全年专题研究法治政府建设工作四次。\n"
        "二、存在问题\n(一)法治意识有待增强\n三、下一步计划\n(一)加强法治培训\n"
        "五华区人民政府\n2023年2月6日\n"
    )
    report = parse_text(text, filename="x")
    assert report.preamble.endswith("工作取得积极成效。")
    assert report.sections[0].children[0].heading == "加强组织领导"
    assert report.sections[0].children[0].body == "全年专题研究法治政府建设工作四次。"
    assert report.report_date == "2023-02-06"
    assert report.agency == "五华区人民政府"


def test_original_text_is_kept_unchanged():
    text = "\ufeff  " + BODY.replace("\n", "\r\n") + "\r\n扫一扫在手机打开当前页\r\n"
    report = parse_text(text, filename="x")
    assert report.original_text == text
    assert "扫一扫" not in report.body_text


@pytest.mark.parametrize(
    ("text", "damaged"),
    [
        ("落实个人有关事项核查制度。", False),
        ("陽光化運行?!叭匾淮蟆笔马椚坑牲h組", True),
        ("? ?\n正文", True),
        ("全年办理\ufffd\ufffd件", True),
        ("锟斤拷锟斤拷", True),
        ("æ³•æ²»æ”¿åºœ", True),
        ("What? Yes.", False),
    ],
)
def test_encoding_damage(text, damaged):
    assert has_encoding_damage(text) is damaged
