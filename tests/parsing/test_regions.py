"""Region resolution against the gazetteer fixture (plain pytest, no database)."""

from pathlib import Path

import pytest

from lawreports.parsing.regions import Division, RegionMatch, gazetteer, resolve_region

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
# The region fields of the seeds' expected.json.
EXPECTED = [
    ("000_bfee8bb3aceb5354.txt", "蒙自市人民政府办公室", "county", "532503",
     ("云南省", "红河哈尼族彝族自治州", "蒙自市", None)),
    ("001_acf98a436d4acf9f.txt", "土城子乡人民政府", "township", "150525",
     ("内蒙古自治区", "通辽市", "奈曼旗", "土城子乡")),
    ("002_76b488e6cb161437.txt", "昭通市人民政府", "prefecture", "530600",
     ("云南省", "昭通市", None, None)),
    ("003_5a7ed637e8473e00.txt", "荥阳市科工信局", "county", "410182",
     ("河南省", "郑州市", "荥阳市", None)),
    ("004_17ca6f33bb420750.txt", "茂名市人民政府办公室", "prefecture", "440900",
     ("广东省", "茂名市", None, None)),
]  # fmt: skip
NO_PLACE = RegionMatch(None, None, None, None, None, None, None, ())


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def names(m: RegionMatch) -> tuple:
    return (m.province, m.prefecture, m.county, m.township)


# --- the fixture ----------------------------------------------------------------------------


def test_fixture_has_four_levels_and_enough_townships():
    counts = gazetteer().counts
    assert counts["province"] == 31
    assert 300 < counts["prefecture"] < 400
    assert 2800 < counts["county"] < 3200
    assert counts["township"] > 30_000


def test_every_parent_exists_one_level_up():
    g = gazetteer()
    for d in g.by_code.values():
        if d.level == "province":
            assert d.parent_code is None
            continue
        parent = g.get(d.parent_code)
        assert parent is not None, d
        assert parent.depth < d.depth, d


def test_codes_have_official_widths():
    g = gazetteer()
    assert g.get("532503") == Division("532503", "蒙自市", "county", "532500")
    assert g.get("150525204") == Division("150525204", "土城子乡", "township", "150525")
    assert g.chain("150525204")[0].name == "内蒙古自治区"


# --- the seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize("file, agency, level, code, expected", EXPECTED)
def test_seed_agencies(file, agency, level, code, expected):
    m = resolve_region(agency, seed_text(file))
    assert names(m) == expected
    assert m.region_code == code
    assert m.level == level


def test_township_chain_and_codes():
    m = resolve_region("土城子乡人民政府", seed_text("001_acf98a436d4acf9f.txt"))
    assert m.township_code == "150525204"
    assert m.region_code == "150525"
    assert [d.level for d in m.chain] == ["province", "prefecture", "county", "township"]
    assert [d.name for d in m.chain] == ["内蒙古自治区", "通辽市", "奈曼旗", "土城子乡"]


# --- levels and name forms ------------------------------------------------------------------


@pytest.mark.parametrize(
    "agency, expected, code, level",
    [
        ("云南省人民政府", ("云南省", None, None, None), "530000", "province"),
        ("广东省司法厅", ("广东省", None, None, None), "440000", "province"),
        ("广西壮族自治区人民政府", ("广西壮族自治区", None, None, None), "450000", "province"),
        ("宁夏司法厅", ("宁夏回族自治区", None, None, None), "640000", "province"),
        ("北京市人民政府", ("北京市", None, None, None), "110000", "province"),
        ("北京市朝阳区人民政府", ("北京市", None, "朝阳区", None), "110105", "county"),
        ("长春市朝阳区司法局", ("吉林省", "长春市", "朝阳区", None), "220104", "county"),
        ("海淀区人民政府", ("北京市", None, "海淀区", None), "110108", "county"),
        ("重庆市城口县人民政府", ("重庆市", None, "城口县", None), "500229", "county"),
        ("奈曼旗司法局", ("内蒙古自治区", "通辽市", "奈曼旗", None), "150525", "county"),
        ("红河州人民政府", ("云南省", "红河哈尼族彝族自治州", None, None), "532500", "prefecture"),
        ("延边州司法局", ("吉林省", "延边朝鲜族自治州", None, None), "222400", "prefecture"),
        ("恩施州人民政府", ("湖北省", "恩施土家族苗族自治州", None, None), "422800", "prefecture"),
        ("锡林郭勒盟行政公署", ("内蒙古自治区", "锡林郭勒盟", None, None), "152500", "prefecture"),
        ("大兴安岭地区行政公署", ("黑龙江省", "大兴安岭地区", None, None), "232700", "prefecture"),
        ("大厂县人民政府", ("河北省", "廊坊市", "大厂回族自治县", None), "131028", "county"),
        ("中共蒙自市委", ("云南省", "红河哈尼族彝族自治州", "蒙自市", None), "532503", "county"),
        ("蒙自人民政府", ("云南省", "红河哈尼族彝族自治州", "蒙自市", None), "532503", "county"),
        ("荥阳市", ("河南省", "郑州市", "荥阳市", None), "410182", "county"),
        ("吉林省大安市人民政府", ("吉林省", "白城市", "大安市", None), "220882", "county"),
        ("神农架林区人民政府", ("湖北省", None, "神农架林区", None), "429021", "county"),
        ("六枝特区人民政府", ("贵州省", "六盘水市", "六枝特区", None), "520203", "county"),
        ("阳泉市城区人民政府", ("山西省", "阳泉市", "城区", None), "140302", "county"),
        ("东莞市虎门镇人民政府", ("广东省", "东莞市", None, "虎门镇"), "441900", "township"),
    ],
)
def test_agency_names(agency, expected, code, level):
    m = resolve_region(agency)
    assert names(m) == expected
    assert m.region_code == code
    assert m.level == level


def test_former_names_resolve_to_current_division():
    assert resolve_region("平泉县人民政府").county == "平泉市"
    assert resolve_region("襄樊市人民政府").region_code == "420600"


def test_street_office_spelling():
    m = resolve_region("北京市东城区东华门街道办事处")
    assert m.township == "东华门街道"
    assert m.township_code == "110101001"


# --- ambiguity and context ------------------------------------------------------------------


def test_ambiguous_township_decided_by_text():
    text = "深入贯彻落实《奈曼旗2022年法治政府建设工作计划》"
    assert resolve_region("土城子乡人民政府", text).county == "奈曼旗"


def test_ambiguous_township_decided_by_hint():
    m = resolve_region("土城子乡人民政府", hints=["发布机构:乌兰察布市察哈尔右翼前旗人民政府"])
    assert m.township_code == "150927221"


def test_ambiguous_township_without_context_keeps_only_shared_levels():
    m = resolve_region("土城子乡人民政府")
    assert m.township is None and m.county is None
    assert m.province == "内蒙古自治区"  # both full-name candidates lie in Inner Mongolia


def test_ambiguous_district_decided_by_text():
    assert resolve_region("朝阳区人民政府", "北京市朝阳区位于首都东部").region_code == "110105"
    assert resolve_region("朝阳区人民政府", "", hints=["长春市人民政府"]).region_code == "220104"
    assert resolve_region("朝阳区人民政府") == NO_PLACE


def test_agency_beats_text():
    text = "昭通市" * 20
    assert resolve_region("蒙自市人民政府办公室", text).county == "蒙自市"


def test_agency_without_place_uses_hints_then_text():
    assert resolve_region("我局", hints=["发布机构蒙自市政府办公室"]).county == "蒙自市"
    assert resolve_region("我局", hints=["荥阳市人民政府:"]).region_code == "410182"
    m = resolve_region("我局", seed_text("003_5a7ed637e8473e00.txt"))
    assert m.county == "荥阳市"


def test_text_with_rival_places_gives_nothing():
    text = "昭通市、曲靖市、玉溪市、红河州、昆明市" * 3
    assert resolve_region(None, text).level in (None, "province")
    assert resolve_region(None, "昭通市") == NO_PLACE  # a single mention is not enough


# --- traps ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "agency, text",
    [
        (None, "防范化解重大安全风险"),
        (None, "加强和规范行政执法"),
        ("加强和规范", ""),
        ("我局", "全市、全县、本区各部门要坚持省市县三级联动"),
        ("自然资源局", ""),
        ("公安局", ""),
        ("乡村振兴局", ""),
        ("平安建设领导小组办公室", ""),
        ("经济开发区管委会", ""),
        ("司法局", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_no_false_places(agency, text):
    assert resolve_region(agency, text) == NO_PLACE


def test_short_form_needs_position_or_government_word():
    assert resolve_region("吉林省大安市人民政府").county == "大安市"
    assert resolve_region("关于重大安全风险的报告").level is None
