"""Portal pages: the seeds wrapped in navigation, breadcrumb, publication bar, share
buttons, side lists and footer, in three common layouts, parse to the seeds' truth; the
page's own title, publication stamp and source fill what the text lacks."""

from __future__ import annotations

import pytest
from document_fixtures import PORTALS, assert_truth, seeds

from lawreports.parsing import ParseError, parse_bytes
from lawreports.parsing.documents.html import page_meta, read_page

SEEDS = seeds()
CASES = [(seed, layout) for seed in SEEDS for layout in PORTALS]
IDS = [f"{seed.file[:3]}-{layout}" for seed, layout in CASES]


def parse_page(seed, layout):
    return parse_bytes(PORTALS[layout](seed).encode("utf-8"), filename=f"{layout}.html")


@pytest.mark.parametrize(("seed", "layout"), CASES, ids=IDS)
def test_portal_page_parses_to_the_seeds_truth(seed, layout):
    report = parse_page(seed, layout)
    assert_truth(report, seed.expected)
    # Navigation, share buttons, side lists and footer stay out of the report's text.
    chrome = ("分享到", "热点信息", "网站标识码", "相关链接", "上一篇", "当前位置", "您的位置",
              "浏览次数", "市发展改革局2022年法治政府建设情况报告", "走进本市")  # fmt: skip
    for words in chrome:
        assert words not in report.body_text, words


@pytest.mark.parametrize(("seed", "layout"), CASES, ids=IDS)
def test_page_stamps_fill_what_the_text_lacks(seed, layout):
    report = parse_page(seed, layout)
    expected = seed.expected
    # The text's own stamps win; the page's fill the gaps.
    assert report.published_on == (expected["published_on"] or seed.published)
    # The 信息公开 layout names a 发布机构 (publisher), not a 来源 (source).
    page_source = None if layout == "xxgk" else seed.source
    assert report.source == (expected["source"] or page_source)
    # A title the text lacks comes from the page, so it is no longer inferred.
    assert report.title == expected["title"] and not report.title_inferred


def test_page_title_skips_the_site_name_and_side_lists():
    page = (
        "<html><head><title>土城子乡人民政府2022年法治政府建设情况报告_奈曼旗人民政府</title>"
        "</head><body><div>关于2022年度政府信息公开工作年度报告</div></body></html>"
    )
    assert page_meta(page).title == "土城子乡人民政府2022年法治政府建设情况报告"


def test_publication_bar_read_when_there_are_no_meta_tags():
    page = (
        "<html><body><div class='info'>发布时间：2023-03-01 10:20 来源：奈曼旗司法局 "
        "浏览次数：12 【字体：大 中 小】</div><div>正文</div></body></html>"
    )
    meta = page_meta(page)
    assert (meta.published_on, meta.source) == ("2023-03-01", "奈曼旗司法局")


def test_page_without_a_report_fails_by_name():
    from document_fixtures import NOT_A_REPORT

    with pytest.raises(ParseError, match="no report text"):
        parse_bytes(NOT_A_REPORT, filename="home.html")


def test_main_text_keeps_the_report_in_order():
    seed = SEEDS[0]
    text, _ = read_page(PORTALS["trs"](seed))
    lines = [line for line in text.split("\n") if line.strip()]
    body = [line for line in seed.lines() if line != "-"]
    positions = [lines.index(line) for line in body if line in lines]
    assert len(positions) >= len(body) - 1 and positions == sorted(positions)


def test_gb2312_page_with_a_long_script_head():
    """Many portals still serve GB2312 pages whose <head> is mostly script."""
    seed = SEEDS[1]
    page = PORTALS["trs"](seed).replace("charset=utf-8", "charset=gb2312")
    page = page.replace("</head>", "<script>" + "var tracker = 1;" * 800 + "</script></head>")
    report = parse_bytes(page.encode("gb18030"), filename="gbk.html")
    assert report.encoding == "gb18030"
    assert_truth(report, seed.expected)
