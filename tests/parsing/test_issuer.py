"""The issuer of a report without a title, read from its opening (lawreports.parsing.issuer)."""

from __future__ import annotations

import pytest

from lawreports.parsing.issuer import opening_issuer
from lawreports.parsing.region import available as regions_available

pytestmark = pytest.mark.skipif(not regions_available(), reason="gazetteer missing")


@pytest.mark.parametrize(
    ("opening", "issuer", "completed"),
    [
        ("2022年,包头市坚持以习近平法治思想为指导,全面推进法治政府建设。", "包头市人民政府", False),
        ("2021年,大连市委、市政府坚持以习近平法治思想为指导。", "大连市人民政府", False),
        ("2023年,昆明市市场监督管理局坚持依法行政。", "昆明市市场监督管理局", False),
        (
            "2022年,元谋县县卫生健康局在县委、县政府的领导下推进依法行政。",
            "元谋县卫生健康局",
            False,
        ),
        (
            "2025年,天津经济技术开发区管理委员会(简称管委会)坚持依法行政。",
            "天津经济技术开发区管理委员会",
            False,
        ),
        (
            "2024年,在省委省政府的坚强领导下,省公安厅紧紧围绕法治政府建设目标,深化吉林公安工作。",
            "吉林省公安厅",
            True,
        ),
        (
            "现将县人民政府2022年法治政府建设工作情况报告如下。《岳阳县人民政府常务会会前学法制度》",
            "岳阳县人民政府",
            True,
        ),
        (
            "2023年,市市场监管局坚持依法行政,围绕昆明市委、市政府中心工作,服务昆明市发展。",
            "昆明市市场监督管理局",
            True,
        ),
        (
            "2025年度,市交通运输局龙岗管理局深入贯彻落实深圳市交通运输局部署。",
            "深圳市交通运输局龙岗管理局",
            True,
        ),
    ],
)
def test_subject_of_the_opening(opening, issuer, completed):
    assert opening_issuer(opening, opening) == (issuer, completed)


@pytest.mark.parametrize(
    "opening",
    [
        "2023年,在区委、区政府的坚强领导下,我局认真贯彻落实上级部署。",  # supervisors only
        "2023年,嘉定区行政执法监督平台归集执法数据两万余条。",  # a place starting a noun
        "2022年,区司法局坚持依法行政,推进法治建设。",  # 区 never named: no guess
        "2022年,山西省委高度重视法治建设。",  # the party committee alone is not the issuer
    ],
)
def test_no_issuer_is_guessed(opening):
    assert opening_issuer(opening, opening) is None
