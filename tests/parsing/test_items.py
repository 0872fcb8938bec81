"""Issues and plans from every shape a section body takes."""

from __future__ import annotations

import pytest

from lawreports.parsing.items import split_items


@pytest.mark.parametrize(
    ("body", "headlines"),
    [
        (  # 一是…二是… after an introducing clause (seed 001)
            "但也存在一些薄弱环节:一是基层力度有待提升;二是队伍力量有待充实;三是经费保障有待加强。",
            ["基层力度有待提升", "队伍力量有待充实", "经费保障有待加强"],
        ),
        (  # semicolon-separated sentences (seed 003)
            "存在形式主义倾向,停留于口头承诺,缺乏实质举措;制度过于简略,少可操作举措。",
            ["存在形式主义倾向,停留于口头承诺,缺乏实质举措", "制度过于简略,少可操作举措"],
        ),
        (  # separate paragraphs after an introduction ending with a colon
            "重点做好以下工作:\n深化执法体制改革,推行三项制度。\n创新普法方式。",
            ["深化执法体制改革,推行三项制度", "创新普法方式"],
        ),
        (  # numbered clauses inside one paragraph
            "主要问题:1.法治意识不强;2.执法不够规范;3.宣传形式单一。",
            ["法治意识不强", "执法不够规范", "宣传形式单一"],
        ),
        (  # (一)(二) inline
            "主要有:(一)督察不到位;(二)整改滞后。",
            ["督察不到位", "整改滞后"],
        ),
        (  # one narrative paragraph is one item
            "法治意识有待增强。部分干部重视不够。",
            ["法治意识有待增强"],
        ),
        ("", []),
    ],
)
def test_split_items(body, headlines):
    assert [h for h, _ in split_items(body)] == headlines


def test_item_text_is_the_whole_item():
    items = split_items("存在短板:一是力度不够,需加强;二是队伍薄弱。")
    assert items[0][1] == "一是力度不够,需加强;"
    assert items[1][1] == "二是队伍薄弱。"


def test_ordinal_chain_must_start_at_one():
    items = split_items("二是一个孤立的说法。三是另一个。")
    assert len(items) == 1
