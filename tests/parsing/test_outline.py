"""Heading styles, nesting, splitting a heading from its first sentence, kinds."""

from __future__ import annotations

import pytest

from lawreports.parsing.outline import build_outline, match_heading, section_kind


@pytest.mark.parametrize(
    ("line", "style", "number", "label", "heading"),
    [
        ("一、工作推进情况", "cn", 1, "一", "工作推进情况"),
        ("十二、其他事项", "cn", 12, "十二", "其他事项"),
        ("(三)严格落实重大行政决策程序", "cn_paren", 3, "(三)", "严格落实重大行政决策程序"),
        ("(三)严格落实重大行政决策程序", "cn_paren", 3, "(三)", "严格落实重大行政决策程序"),
        ("( 三 )严格落实", "cn_paren", 3, "(三)", "严格落实"),
        ("1.精简审批事项", "arabic", 1, "1", "精简审批事项"),
        ("2、优化营商环境", "arabic", 2, "2", "优化营商环境"),
        ("3.推行三项制度", "arabic", 3, "3", "推行三项制度"),
        ("(1)加强队伍建设", "arabic_paren", 1, "(1)", "加强队伍建设"),
        ("(2)加强队伍建设", "arabic_paren", 2, "(2)", "加强队伍建设"),
        ("第二部分 存在的问题", "part", 2, "第二部分", "存在的问题"),
        ("①完善机制", "circled", 1, "①", "完善机制"),
    ],
)
def test_heading_styles(line, style, number, label, heading):
    hm = match_heading(line)
    assert (hm.style, hm.number, hm.label, hm.heading) == (style, number, label, heading)


@pytest.mark.parametrize(
    "line",
    ["3.5亿元的项目全部审查", "2020年以来成效明显", "一、二季度完成目标", "一是加强领导", "(一)"],
)
def test_not_headings(line):
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("line", "heading", "rest"),
    [
        ("(一)统筹推进法治政府建设。一是认真履行。", "统筹推进法治政府建设", "一是认真履行。"),
        ("(一)完善机制,发挥作用。发挥好作用。", "完善机制,发挥作用", "发挥好作用。"),
        ("(一)强化法治督察:开展督察两次。", "强化法治督察", "开展督察两次。"),
        ("(一)加强行政规范性文件制定监督管理", "加强行政规范性文件制定监督管理", ""),
    ],
)
def test_heading_split_from_first_sentence(line, heading, rest):
    hm = match_heading(line)
    assert (hm.heading, hm.rest) == (heading, rest)


def test_nesting_follows_the_hierarchy():
    lines = [
        "前言。",
        "一、甲",
        "(一)甲一",
        "1.甲一一",
        "(1)细目",
        "2.甲一二",
        "(二)甲二",
        "二、乙",
        "1.乙一",
        "三、丙",
    ]
    preamble, tops = build_outline(lines)
    assert preamble == ["前言。"]
    assert [s.heading for s in tops] == ["甲", "乙", "丙"]
    a = tops[0]
    assert [c.heading for c in a.children] == ["甲一", "甲二"]
    assert [c.heading for c in a.children[0].children] == ["甲一一", "甲一二"]
    assert a.children[0].children[0].children[0].number == "(1)"
    assert [c.heading for c in tops[1].children] == ["乙一"]


def test_numbers_that_do_not_fit_stay_body():
    lines = ["一、甲", "(一)甲一", "正文。", "3.后面的数字不是标题", "(五)跳号太多", "二、乙"]
    _, tops = build_outline(lines)
    assert len(tops) == 2
    assert len(tops[0].children) == 1
    assert "3.后面的数字不是标题" in tops[0].children[0].body
    assert "(五)跳号太多" in tops[0].children[0].body


def test_numbering_restarts_under_a_new_parent_and_one_skip_is_tolerated():
    lines = ["一、甲", "(一)a", "(二)b", "二、乙", "(一)c", "(三)d"]
    _, tops = build_outline(lines)
    assert [len(t.children) for t in tops] == [2, 2]


def test_no_headings_at_all():
    preamble, tops = build_outline(["全年工作稳步推进。", "成效明显。"])
    assert tops == [] and len(preamble) == 2


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("存在问题", "problems"),
        ("存在的问题和不足", "problems"),
        ("2022年法治政府建设工作不足", "problems"),
        ("薄弱环节", "problems"),
        ("问题与不足", "problems"),
        ("存在的短板", "problems"),
        ("存在問題", "problems"),
        ("下一步计划", "plans"),
        ("工作打算", "plans"),
        ("下步工作打算", "plans"),
        ("2024年工作计划", "plans"),
        ("2023年工作思路", "plans"),
        ("下一步工作安排", "plans"),
        ("下一步工作計劃", "plans"),
        ("党政主要负责人履行推进法治建设第一责任人职责情况", "leadership"),
        ("主要举措和成效", "achievements"),
        ("工作情况", "achievements"),
        ("工作推进情况", "achievements"),
        ("推進法治政府建設的主要舉措及成效", "achievements"),
        ("其他需要报告的事项", "other"),
    ],
)
def test_section_kinds(heading, kind):
    assert section_kind(heading) == kind
