"""The metadata header in its many printed forms."""

from __future__ import annotations

import pytest

from lawreports.parsing import parse_text
from lawreports.parsing.metadata import read_metadata
from lawreports.parsing.normalise import analysis_lines

BODY = (
    "蒙自市人民政府办公室2022年法治政府建设情况报告\n"
    "2022年,蒙自市人民政府办公室认真推进法治政府建设,取得积极成效。\n"
    "一、工作推进情况\n(一)强化依法决策意识。全年审查议题40个。\n"
    "二、存在问题\n(一)督促检查工作力度不够。少数部门存在迟报现象。\n"
    "三、下一步计划\n(一)改进方式,务求实效。加强暗访督查。\n"
    "蒙自市人民政府办公室\n2023年2月6日\n"
)


def meta_of(header: str):
    meta, used = read_metadata(analysis_lines(header.split("\n")))
    return meta


@pytest.mark.parametrize(
    "header",
    [
        "索引号:000014348/2023-00211\n发布日期:2023-02-07",
        "索引号:000014348/2023-00211\n发布日期:2023-02-07",
        "索引号 000014348/2023-00211\n发布日期 2023-02-07",
        "索引号000014348/2023-00211\n发布日期2023-02-07",
        "索引号\n000014348/2023-00211\n发布日期\n2023-02-07",
        "-\n索引号\n-\n000014348/2023-00211\n-\n发布日期\n-\n2023年02月07日",
        "索引号:000014348/2023-00211 发布日期:2023-02-07 时效性:有效",
        "索引號:000014348/2023-00211\n發布日期:2023/2/7",
    ],
)
def test_header_forms(header):
    meta = meta_of(header)
    assert meta.index_no == "000014348/2023-00211"
    assert meta.published_on == "2023-02-07"


def test_all_keys_and_inline_chrome():
    meta = meta_of(
        "发布机构:蒙自市政府办公室  文号:蒙政办发〔2023〕3号\n"
        "成文日期:2023年2月6日 主题分类:法治建设\n"
        "发布日期:2021-02-03 访问量: 信息来源:昭通市司法局 字号:【"
    )
    assert meta.publisher == "蒙自市政府办公室"
    assert meta.doc_no == "蒙政办发〔2023〕3号"
    assert meta.written_on == "2023-02-06"
    assert meta.topic == "法治建设"
    assert meta.published_on == "2021-02-03"
    assert meta.source == "昭通市司法局"


def test_empty_value_does_not_swallow_next_key():
    meta = meta_of("文号\n-\n发布日期2023-02-07\n-\n时效性有效")
    assert meta.doc_no is None
    assert meta.published_on == "2023-02-07"
    assert meta.validity == "有效"


def test_prose_starting_with_a_key_word_is_not_metadata():
    meta, used = read_metadata(
        ["来源于群众的意见建议,我们逐条研究办理,全年共办理一百二十件,办结率百分之百。"]
    )
    assert meta.is_empty() and not used


def test_metadata_lines_leave_the_body():
    report = parse_text("索引号:000014348/2023-00211\n发布日期:2023-02-07\n" + BODY, filename="x")
    assert report.index_no == "000014348/2023-00211"
    assert report.published_on == "2023-02-07"
    assert "索引号" not in report.body_text
    assert report.title == "蒙自市人民政府办公室2022年法治政府建设情况报告"
