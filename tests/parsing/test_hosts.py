"""A report's web address names its place: it settles a shared township name and places a
page that names none, but never outvotes what the text says."""

from lawreports.parsing import parse_bytes
from lawreports.parsing.hosts import places_in_address

TOWN = """龙溪镇2024年法治政府建设工作情况报告

2024年，龙溪镇坚持以习近平法治思想为指导，认真落实法治政府建设各项任务，现将有关情况报告如下。
一、主要工作
（一）加强组织领导。镇党委、镇政府把法治建设纳入重要议事日程，定期研究部署法治工作。
二、存在问题
基层法治力量较为薄弱，执法人员业务能力有待提高。
三、下一步工作计划
持续加强法治队伍建设，提升依法行政水平。
"""

NO_PLACE = """一、主要工作
今年以来，我委认真贯彻落实法治政府建设实施纲要，健全依法决策机制，规范行政执法行为。
二、存在的问题
法治宣传的针对性有待增强，执法监督力度不够。
三、下一步打算
加强法治宣传教育，完善执法监督机制。
"""


def parse(text: str, url: str | None):
    return parse_bytes(text.encode("utf-8"), filename="page.txt", source_url=url)


def test_an_address_names_the_places_its_host_spells():
    assert places_in_address("https://amr.xuancheng.gov.cn/OpennessContent/show/1.html") == [
        "宣城市"
    ]
    assert places_in_address("http://www.xuwen.gov.cn/xxgk/post_1.html") == ["徐闻县"]
    assert set(places_in_address("https://www.wugang.gov.cn/")) == {"武冈市", "舞钢市"}
    assert places_in_address("http://gongan.example.gov.cn/x") == []  # the police, not 公安县
    assert places_in_address("http://101.230.193.164/article.html") == []
    assert places_in_address(None) == []


def test_a_shared_township_name_is_settled_by_the_address():
    unsure = parse(TOWN, None)
    assert unsure.township is None and "region_unresolved" in unsure.flags  # seven 龙溪镇
    placed = parse(TOWN, "https://www.wugang.gov.cn/wugang/yfxz/202504/x.shtml")
    assert (placed.province, placed.prefecture, placed.county, placed.township) == (
        "湖南省", "邵阳市", "武冈市", "龙溪镇",
    )  # fmt: skip
    assert placed.level == "township"


def test_a_page_that_names_no_place_is_placed_by_its_address_and_flagged():
    assert parse(NO_PLACE, None).province is None
    placed = parse(NO_PLACE, "https://wjw.xuancheng.gov.cn/show/3305435.html")
    assert (placed.province, placed.prefecture) == ("安徽省", "宣城市")
    assert "region_inferred" in placed.flags
    # a host that spells two places (changzhi: 长治市 or 尚志市) places nothing on its own
    assert parse(NO_PLACE, "https://www.changzhi.gov.cn/t1.html").province is None


def test_the_text_outvotes_the_address():
    text = TOWN.replace("龙溪镇", "武冈市龙溪镇", 1)
    placed = parse(text, "https://www.xuwen.gov.cn/x.html")
    assert placed.county == "武冈市"
