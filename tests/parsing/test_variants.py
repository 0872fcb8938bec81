"""Hand-written report variants (tests/parsing/data/variants/*.txt).

Decision documented here: a file holding only page metadata, navigation and perhaps a
title has no report text and raises ParseError("no report text ..."), so nothing empty is
ever stored as a report.
"""

from __future__ import annotations

import pytest
from parsing_support import VARIANTS, headings, headlines

from lawreports.parsing import ParseError, parse_file
from lawreports.parsing.region import available as regions_available

# file -> expected fields; "issues"/"plans" are headlines, "tops" the top headings.
CASES = {
    "v01_standard": dict(
        title="五华区人民政府2022年法治政府建设情况报告", agency_kind="government",
        year=2022, report_date="2023-03-10", tops=["主要举措和成效", "存在的问题和不足", "下一步工作安排"],
        issues=["法治意识有待增强", "执法规范化水平不高"], plans=["持续深化法治学习", "提升执法质效"],
        flags=[],
    ),
    "v02_signature_agency": dict(
        agency="荥阳市人民政府", title="荥阳市人民政府2021年法治政府建设情况报告",
        year=2021, flags=["title_inferred"], issues=["普法宣传针对性不强"],
    ),
    "v03_cn_numeral_date": dict(
        agency="蒙自市司法局", agency_kind="department", report_date="2023-02-06", year=2022,
        issues=["执法人员力量不足", "执法信息化水平较低"], plans=["加强执法队伍建设"],
    ),
    "v04_semicolons_paragraphs": dict(
        agency="奈曼旗人民政府",
        issues=[
            "部分部门对法治政府建设重视不够,主动作为意识不强",
            "行政执法人员素质有待提升,执法不规范现象时有发生",
            "法治宣传的针对性和实效性需进一步增强",
        ],
        plans=[
            "坚持把法治政府建设摆在全局工作突出位置,压实第一责任人职责",
            "深化行政执法体制改革,全面推行行政执法三项制度",
            "创新普法宣传方式,提升全民法治素养",
        ],
    ),
    "v05_yishi_items": dict(
        issues=["法治督察力度有待加大", "行政复议规范化水平有待提高", "基层法治力量较为薄弱"],
        plans=["完善法治督察机制,推动问题整改落实", "提升行政复议工作质效", "充实基层法治工作力量,加强业务培训"],
        tops=["工作情况", "薄弱环节", "2024年工作计划"], year=2023,
    ),
    "v06_numbered_items": dict(
        counts=[2, 2, 2], issues=["法治建设发展不平衡", "执法队伍专业化程度不高"],
        plans=["加强法治队伍建设", "推动法治建设均衡发展"], issue_paths=[(1, 0), (1, 1)],
    ),
    "v07_pdf_broken": dict(
        agency="土城子乡人民政府", issues=["基层法治力量薄弱"], plans=["充实法治工作力量"],
        preamble_has="旗司法局的具体指导下,土城子乡人民政府认真贯彻落实法治政府建设各项任务",
    ),
    "v08_chrome": dict(
        title="红河州人民政府2022年法治政府建设情况报告", published_on="2023-03-15",
        report_date="2023-03-10", tops=["主要举措", "存在问题", "下一步计划"],
        body_lacks=["站点导航", "当前位置", "打印本页", "分享到", "上一篇", "ICP", "主办"],
    ),
    "v09_no_headings": dict(
        agency="蒙自市教育体育局", tops=[], issues=[], plans=[],
        flags=["title_inferred", "no_issues_section", "no_plans_section"],
    ),
    "v11_traditional": dict(
        agency="茂名市电白区人民政府", script="traditional", report_date="2022-01-28",
        year=2021, tops=["主要舉措及成效", "存在問題", "下一步工作計劃"],
        issues=["法治宣傳力度不夠"], title="茂名市电白区人民政府2021年法治政府建设情况报告",
    ),
    "v12_metadata_forms": dict(
        index_no="11530000MB0000000X/2022-01234", doc_no="云司发〔2022〕5号",
        published_on="2022-03-08", report_date="2022-03-05", source="云南省司法厅",
        agency="云南省司法厅", agency_kind="department",
    ),
    "v13_party_committee": dict(agency="中共奈曼旗委员会", agency_kind="party_committee"),
    "v14_department_self_reference": dict(
        agency="蒙自市市场监督管理局", addressed_to="蒙自市人民政府", agency_kind="department",
        issues=["执法人员专业素质有待提高", "信息化执法手段运用不足"],
    ),
    "v15_parts": dict(
        tops=["主要举措和成效", "存在的问题", "下一步工作打算"], counts=[2, 2, 2],
        issues=["法治政府建设发展不平衡", "行政执法能力有待提升"],
    ),
    "v16_numbering_noise": dict(counts=[3, 2, 1]),
    "v17_wording": dict(
        kinds=["achievements", "leadership", "problems", "plans"],
        issues=["依法行政能力仍需提升"],
        plans=["深入学习贯彻习近平法治思想", "持续推进严格规范公正文明执法"],
    ),
    "v18_colon_headings": dict(
        issues=["督察整改跟踪不到位", "法治宣传覆盖面不广"], plans=["健全督察整改机制"],
    ),
    "v19_year_from_date": dict(year=2022, flags=["year_uncertain", "year_inferred"]),
    "v20_damage": dict(flags=["encoding_damage"], encoding="utf-8-sig"),
    "v21_mixed_section": dict(
        issues=["依法行政意识有待增强", "执法规范化水平有待提高"],
        plans=["加强法治教育培训", "强化行政执法监督", "完善法治考核机制"],
    ),
    "v22_street_office": dict(agency="南湖区建设街道办事处", agency_kind="government"),
    "v23_odd_spaces": dict(
        tops=["主要举措和成效", "存在问题", "下一步工作计划"],
        issues=["法治宣传形式单一", "执法监督手段不足"], plans=["创新法治宣传形式", "强化执法监督"],
    ),
}  # fmt: skip

# Region results (need lawreports.parsing.regions).
REGIONS = {
    "v01_standard": ("county", "云南省", "昆明市", "五华区", None),
    "v07_pdf_broken": ("township", "内蒙古自治区", "通辽市", "奈曼旗", "土城子乡"),
    "v08_chrome": ("prefecture", "云南省", "红河哈尼族彝族自治州", None, None),
    "v12_metadata_forms": ("province", "云南省", None, None, None),
    "v17_wording": ("prefecture", "云南省", "昭通市", None, None),
    "v22_street_office": ("township", "浙江省", "嘉兴市", "南湖区", "建设街道"),
}


@pytest.fixture(scope="module")
def parsed():
    return {name: parse_file(VARIANTS / f"{name}.txt") for name in CASES}


def test_there_are_at_least_twenty_variants():
    assert len(list(VARIANTS.glob("*.txt"))) >= 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_variant(parsed, name):
    report, exp = parsed[name], CASES[name]
    for key, value in exp.items():
        if key == "tops":
            assert headings(report) == value
        elif key == "counts":
            assert [len(s.children) for s in report.sections] == value
        elif key == "kinds":
            assert [s.kind for s in report.sections] == value
        elif key in ("issues", "plans"):
            assert headlines(getattr(report, key)) == value, key
        elif key == "issue_paths":
            assert [i.section_path for i in report.issues] == value
        elif key == "flags":
            assert [f for f in report.flags if f != "region_unresolved"] == value
        elif key == "preamble_has":
            assert value in report.preamble
        elif key == "body_lacks":
            assert not [w for w in value if w in report.body_text]
        else:
            assert getattr(report, key) == value, key


def test_only_metadata_is_not_a_report():
    with pytest.raises(ParseError, match="no report text"):
        parse_file(VARIANTS / "v10_only_metadata.txt")


@pytest.mark.skipif(not regions_available(), reason="lawreports.parsing.regions missing")
@pytest.mark.parametrize("name", sorted(REGIONS))
def test_variant_regions(parsed, name):
    r = parsed[name]
    assert (r.level, r.province, r.prefecture, r.county, r.township) == REGIONS[name]
    assert "region_unresolved" not in r.flags


@pytest.mark.skipif(not regions_available(), reason="lawreports.parsing.regions missing")
def test_ambiguous_district_is_flagged():
    r = parsed_one("v06_numbered_items")  # 朝阳区: Beijing or Changchun, text does not say
    assert (r.province, r.county) == (None, None)
    assert "region_unresolved" in r.flags
    assert r.level == "county"  # the issuer's level shows in its name (某区人民政府)


def parsed_one(name):
    return parse_file(VARIANTS / f"{name}.txt")
