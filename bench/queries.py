"""The fixed query mix, and what a researcher without the archive would run with ripgrep.

Shares of reports (of the generated corpus, measured at 1 000): 法治政府 100%, 依法行政 99%,
执法 92%, 行政执法 91%, 重大行政决策 85%, 普法 83%, 政府法律顾问 61%, 习近平法治思想 52%,
行政复议 39%, 营商环境 40%, 包容审慎监管 5%, 涉企行政合规 1.4%, 区块链电子存证 0.1%.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BenchQuery:
    label: str
    params: dict[str, str]
    # ripgrep: every pattern must occur (files narrowed pass by pass); `exclude` must not.
    rg_all: tuple[str, ...] = ()
    rg_any: tuple[str, ...] = ()
    rg_exclude: tuple[str, ...] = field(default=())


SEARCHES: tuple[BenchQuery, ...] = (
    BenchQuery("common 100%", {"q": "法治政府"}, ("法治政府",)),
    BenchQuery("common 91%", {"q": "行政执法"}, ("行政执法",)),
    BenchQuery("common 99%", {"q": "依法行政"}, ("依法行政",)),
    BenchQuery("two chars 92%", {"q": "执法"}, ("执法",)),
    BenchQuery("frequent 85%", {"q": "重大行政决策"}, ("重大行政决策",)),
    BenchQuery("half 52%", {"q": "习近平法治思想"}, ("习近平法治思想",)),
    BenchQuery("rare 5%", {"q": "包容审慎监管"}, ("包容审慎监管",)),
    BenchQuery("rare 1%", {"q": "涉企行政合规"}, ("涉企行政合规",)),
    BenchQuery("rare 0.1%", {"q": "区块链电子存证"}, ("区块链电子存证",)),
    BenchQuery("AND", {"q": "行政复议 法律顾问"}, ("行政复议", "法律顾问")),
    BenchQuery("AND", {"q": "普法 营商环境"}, ("普法", "营商环境")),
    BenchQuery("phrase", {"q": '"政府法律顾问"'}, ("政府法律顾问",)),
    BenchQuery("phrase", {"q": "“第一责任人职责”"}, ("第一责任人职责",)),
    BenchQuery("OR", {"q": "涉企行政合规 OR 区块链电子存证"}, rg_any=("涉企行政合规", "区块链电子存证")),
    BenchQuery("NOT", {"q": "普法 -疫情"}, ("普法",), rg_exclude=("疫情",)),
    BenchQuery("traditional", {"q": "行政執法"}, ("行政執法",)),
    BenchQuery("filter province", {"q": "行政执法", "province": "广东省"}, ("行政执法",)),
    BenchQuery("filter year+level", {"q": "营商环境", "year": "2022", "level": "county"}, ("营商环境",)),
    BenchQuery("sort date", {"q": "行政复议", "sort": "date"}, ("行政复议",)),
    BenchQuery("page 5", {"q": "法治政府", "page": "5"}, ("法治政府",)),
)  # fmt: skip

# Browsing and drilling down without a query: the facet counts' own cost.
FACET_PARAMS: tuple[dict[str, str | list[str]], ...] = (
    {},
    {"province": ["云南省", "河南省"], "level": ["county", "prefecture"]},
    {"year_from": "2020", "year_to": "2022", "missing_part": ["problems", "plans"]},
    {"year": "2022"},
    {"level": "county"},
    {"province": "云南省"},
    {"province": "四川省", "year": "2021"},
    {"agency_kind": "department", "has_issues": "true"},
    {"q": "行政执法"},
    {"q": "包容审慎监管", "level": "township"},
)
