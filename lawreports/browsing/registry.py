"""Every facet of the list page and the API, declared once.

A declaration names the facet, its label and kind, the Report field (or expression) its
in-memory column reads, how its values filter in SQL and how they are labelled. The form,
the columns and masks, the counts, the chips and the API parameters with their OpenAPI
entries are all derived from it: adding a facet is one entry here (and its test).
"""

from __future__ import annotations

from django.db.models import Case, Q, Value, When

from lawreports.analysis.models import TIMELINESS_CHOICES
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.browsing.kinds import Facet, Kind
from lawreports.browsing.variants import AtLeastFacet, BitsFacet, RelatedFacet, ThemeFacet
from lawreports.reports.models import (
    AGENCY_KIND_CHOICES,
    LEVEL_CHOICES,
    SCRIPT_CHOICES,
    Agency,
    Region,
)

# A report's count of stated figures in buckets (a rough measure of concreteness).
FIGURE_BUCKETS = {
    "none": ("无具体数字", 0, 0),
    "few": ("1–9个", 1, 9),
    "many": ("10个及以上", 10, None),
}


def _figures_q(low: int, high: int | None) -> Q:
    q = Q(analysis__figure_count__gte=low)
    return q if high is None else q & Q(analysis__figure_count__lte=high)


def _region(name: str, label: str, parent: str | None, doc: str) -> RelatedFacet:
    return RelatedFacet(
        name=name, label=label, kind=Kind.TREE, field=name, model=Region, key="code",
        level=name, parent=parent, counted_in_api=True, doc=doc,
    )  # fmt: skip


FACETS: tuple[Facet, ...] = (
    _region("province", "省份", None, "省：区划代码（530000）或名称（云南省）"),
    _region("prefecture", "地市", "province", "地市：区划代码或名称；选定省份后列出"),
    _region("county", "区县", "prefecture", "区县：区划代码或名称；选定地市后列出"),
    Facet(
        name="year", label="年度", kind=Kind.RANGE, field="year", missing=-1, convert=int,
        value_label="{}年".format, newest_first=True, counted_in_api=True,
        doc="报告年度，如 2022",
    ),
    Facet(
        name="level", label="层级", field="level", choices=LEVEL_CHOICES, counted_in_api=True,
        doc="报告机关的层级",
    ),
    Facet(
        name="agency_kind", label="机关类型", field="agency__kind", choices=AGENCY_KIND_CHOICES,
        counted_in_api=True, doc="报告机关的类型",
    ),
    RelatedFacet(
        name="agency", label="机关", field="agency", model=Agency, listed=False,
        doc="报告机关的编号（见 /agencies/<编号>/）",
    ),
    Facet(
        name="has_issues", label="自查问题", kind=Kind.SINGLE,
        expression=Case(When(issue_count__gt=0, then=Value("true")), default=Value("false")),
        choices=(("true", "承认存在问题"), ("false", "未列出问题")),
        aliases={"True": "true", "1": "true", "False": "false", "0": "false"},
        sql=lambda values: Q(issue_count__gt=0) if values == ["true"] else Q(issue_count=0),
        doc="true：报告列出了存在的问题；false：未列出",
    ),
    Facet(
        name="timeliness", label="及时性", field="analysis__timeliness",
        choices=TIMELINESS_CHOICES,
        doc="及时性：on_time 准时（次年3月31日前发布，缺发布日期时看落款日期）、late 逾期、unknown 未知",
    ),
    BitsFacet(
        name="missing_part", label="缺少部分",
        expression=sum(
            (Case(When(**{f"analysis__{part}": ""}, then=Value(1 << i)), default=Value(0))
             for i, part in enumerate(PART_LABELS)),
            Value(0),
        ),
        choices=[(part, f"缺{label}") for part, label in PART_LABELS.items()],
        sql=lambda values: Q.create([(f"analysis__{part}", "") for part in values], Q.OR),
        doc="缺少《规定》要求的某一部分：measures 举措成效、problems 不足及原因、leadership "
        "主要负责人履行第一责任人职责、plans 下一年度计划、other 其他需要报告的事项",
    ),
    ThemeFacet(
        name="issue_theme", label="问题主题", item_kind="issue",
        expression=Case(When(analysis__isnull=False, then="analysis__issue_themes"), default=0),
        doc="问题主题（主题分类中的名称，如 执法）",
    ),
    ThemeFacet(
        name="plan_theme", label="计划主题", item_kind="plan",
        expression=Case(When(analysis__isnull=False, then="analysis__plan_themes"), default=0),
        doc="计划主题（主题分类中的名称，如 政务公开）",
    ),
    Facet(
        name="figures", label="具体数字",
        expression=Case(
            *[When(_figures_q(low, high), then=Value(key))
              for key, (_, low, high) in FIGURE_BUCKETS.items()],
            default=Value(""),
        ),
        choices=[(key, label) for key, (label, _, _) in FIGURE_BUCKETS.items()],
        sql=lambda values: Q.create(
            [_figures_q(*FIGURE_BUCKETS[v][1:]) for v in values], Q.OR
        ),
        doc="报告中具体数字的多少：none 无、few 1–9个、many 10个及以上",
    ),
    Facet(
        name="script", label="字体", field="script", choices=SCRIPT_CHOICES,
        doc="报告原文的字体：simplified 简体、traditional 繁体（检索时繁简通用）",
    ),
    AtLeastFacet(
        name="min_figures", label="具体数字不少于", field="analysis__figure_count",
        doc="具体数字不少于几个",
    ),
)  # fmt: skip

BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}
