"""Pure-text analysis: no database."""

import datetime as dt

import pytest

from lawreports.analysis.text import completeness as c
from lawreports.analysis.text.figures import extract_figures
from lawreports.analysis.text.matching import Candidate, best_matches, overlap
from lawreports.analysis.text.themes import DEFAULT_TAXONOMY, parse_keywords, tag, tag_item
from lawreports.analysis.text.timeliness import judge

# --- timeliness -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "year, published, dated, status",
    [
        (2022, dt.date(2023, 2, 7), dt.date(2023, 2, 6), "on_time"),  # seed 000
        (2023, None, dt.date(2024, 4, 1), "late"),  # seed 003: dated, never published
        (2022, dt.date(2023, 3, 31), None, "on_time"),  # the last day counts
        (2022, dt.date(2023, 4, 1), dt.date(2023, 3, 1), "late"),  # publication decides
        (2022, None, None, "unknown"),
        (None, dt.date(2023, 1, 1), None, "unknown"),
    ],
)
def test_timeliness(year, published, dated, status):
    assert judge(year, published, dated).status == status


def test_timeliness_deadline_is_a_parameter_and_days_late_are_counted():
    judged = judge(2023, None, dt.date(2024, 4, 1))
    assert judged.deadline == dt.date(2024, 3, 31) and judged.days_late == 1
    assert judged.basis == "report_date"
    assert judge(2023, None, dt.date(2024, 4, 1), (4, 30)).status == "on_time"


# --- completeness -----------------------------------------------------------------------


def entry(heading, kind="other", depth=0, body=""):
    return c.OutlineEntry(heading=heading, kind=kind, depth=depth, body=body)


def test_the_usual_three_part_report_lacks_leaders_and_other_matters():
    found = c.detect_parts(
        [
            entry("工作推进情况", "achievements"),
            entry("加强规范性文件管理", "achievements", 1, "制定文件1件。"),
            entry("存在问题", "problems"),
            entry("下一步计划", "plans"),
        ]
    )
    assert found == {
        "measures": "outline",
        "problems": "outline",
        "leadership": "",
        "plans": "outline",
        "other": "",
    }
    assert c.missing_parts(found) == ["leadership", "other"]


def test_all_five_parts_from_headings_even_when_kinds_are_unknown():
    found = c.detect_parts(
        [
            entry("2022年推进法治政府建设的主要举措和成效"),
            entry("党政主要负责人履行推进法治建设第一责任人职责情况"),
            entry("存在的不足和原因"),
            entry("2023年工作计划"),
            entry("其他需要报告的事项"),
        ]
    )
    assert c.missing_parts(found) == []
    assert set(found.values()) == {"outline"}


def test_leaders_duty_told_in_the_text_counts_but_promised_in_plans_does_not():
    told = "市政府主要领导充分履行推进法治政府建设第一责任人职责,主持召开常务会议。"
    found = c.detect_parts([entry("主要举措", "achievements", body=told)])
    assert found["leadership"] == "text"
    promised = "督促各级各部门主要负责人切实履行推进法治建设第一责任人职责。"
    found = c.detect_parts(
        [entry("主要举措", "achievements"), entry("下步打算", "plans", body=promised)]
    )
    assert found["leadership"] == ""
    # naming the leader is not an account of the duty
    named = "我乡主要负责人作出重大决策前,认真听取法律顾问的意见。"
    assert c.detect_parts([entry("举措", "achievements", body=named)])["leadership"] == ""


def test_a_leadership_subsection_counts():
    found = c.detect_parts(
        [entry("主要举措", "achievements"), entry("认真履行第一责任人职责", "achievements", 1)]
    )
    assert found["leadership"] == "outline"


# --- figures ----------------------------------------------------------------------------


def figures_of(text):
    return [(f.number, f.unit, f.noun) for f in extract_figures(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020年,市政府共收到行政复议申请83件。", ("83", "件", "行政复议申请")),
        ("37个市直部门聘用法律顾问104名。", ("104", "名", "法律顾问")),
        ("调解成功23219件,成功率98.64%。", ("98.64", "%", "成功率")),
        ("全年审查常务会议题40个。", ("40", "个", "审查常务会议题")),
        ("形成《政务督查专报》43期。", ("43", "期", "政务督查专报")),
        ("开展督查活动85次。", ("85", "次", "督查活动")),
        ("聘请了104名法律顾问。", ("104", "名", "法律顾问")),
        ("办理环境行政处罚案件187 件。", ("187", "件", "行政处罚案件")),
    ],
)
def test_figures_have_number_unit_and_noun(text, expected):
    number, unit, noun = expected
    found = figures_of(text)
    assert any(f[0] == number and f[1] == unit and noun in f[2] for f in found), found


def test_second_count_in_a_sentence_inherits_the_noun():
    found = figures_of("全年共受理政府信息公开申请18件,办结18件。")
    assert [f[2] for f in found] == ["政府信息公开申请", "政府信息公开申请"]


def test_approximate_figures_and_the_sentence_are_kept():
    (hit,) = extract_figures("发放普法宣传材料3000余份。其他。")
    assert hit.approx and hit.value == 3000 and hit.sentence == "发放普法宣传材料3000余份。"


@pytest.mark.parametrize(
    "text",
    [
        "现将2022年法治政府建设情况报告如下。",
        "根据《蒙自市法治政府建设实施意见(2021—2025)》要求。",
        "印发昭政发〔2020〕13号文件。",
        "1.深入推进“放管服”改革",
        "2023年2月6日",
        "召开第3次常务会议。",
        "落实《规划(2021-2025年)》。",
        "市十四届人大常委会第12次会议。",
    ],
)
def test_years_dates_and_document_numbers_are_not_figures(text):
    assert figures_of(text) == []


# --- themes and matching ----------------------------------------------------------------


def test_themes_from_keywords_in_taxonomy_order():
    assert tag("行政复议和行政执法有待加强", DEFAULT_TAXONOMY)[:2] == ["执法", "复议与应诉"]
    assert tag("天气晴朗", DEFAULT_TAXONOMY) == []
    assert parse_keywords("执法、处罚\n检查;  复议 ") == ["执法", "处罚", "检查", "复议"]


def test_item_themes_come_from_the_headline_or_repeated_text_mentions():
    taxonomy = {"执法": ["执法"], "监督": ["监督"]}
    assert list(tag_item("执法不规范", "执法不规范。加强监督。", taxonomy)) == ["执法"]
    assert list(tag_item("依法行政有待加强", "监督不够,监督乏力。", taxonomy)) == ["监督"]


def test_best_matches_prefers_shared_themes_and_wording():
    candidates = [
        Candidate(1, "加强政务公开,主动公开政府信息", frozenset({"政务公开"})),
        Candidate(2, "开展普法宣传活动", frozenset({"普法与学法"})),
    ]
    assert best_matches("加大政务公开工作力度", ["政务公开"], candidates)[0][0] == 1
    assert overlap("政务公开", "政务公开工作") == 1.0
