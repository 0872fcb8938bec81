"""Rows for data out: one column list per table, shared by the HTTP exports and
`manage.py export_dataset`, so both (and the dump's README) always agree."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis, Theme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.reports.models import Issue, Plan, Report, Section

BATCH = 500
LIST_SEP = "|"  # joins list values (themes, missing parts) in CSV cells


@dataclass(frozen=True)
class Column:
    name: str
    doc: str
    get: Callable[[Any, dict], Any]  # (row object, batch context) → value


def _region(name: str) -> Callable[[Any, dict], Any]:
    return lambda r, c: getattr(r, name).name if getattr(r, name + "_id") else None


def _analysis(attr: str) -> Callable[[Report, dict], Any]:
    return lambda r, c: getattr(c["analysis"].get(r.pk), attr, None)


REPORT_COLUMNS = [
    Column("id", "报告编号", lambda r, c: r.pk),
    Column("url", "报告页面地址", lambda r, c: c["base"] + r.get_absolute_url()),
    Column("title", "标题", lambda r, c: r.title),
    Column("agency", "发布机关", lambda r, c: r.agency.name),
    Column(
        "agency_kind",
        "机关类型 government/government_office/department/party_committee/other",
        lambda r, c: r.agency.kind,
    ),
    Column("level", "层级 province/prefecture/county/township", lambda r, c: r.level or None),
    Column("province", "省", _region("province")),
    Column("prefecture", "地市", _region("prefecture")),
    Column("county", "区县", _region("county")),
    Column("township", "乡镇", _region("township")),
    Column("region_code", "最深一级区划代码", lambda r, c: r.region.code if r.region_id else None),
    Column("year", "报告年度", lambda r, c: r.year),
    Column("report_date", "落款日期", lambda r, c: r.report_date),
    Column("published_on", "发布日期", lambda r, c: r.published_on),
    Column("doc_no", "文号", lambda r, c: r.doc_no or None),
    Column("index_no", "索引号", lambda r, c: r.index_no or None),
    Column("issue_count", "列出的问题数", lambda r, c: r.issue_count),
    Column("plan_count", "列出的计划数", lambda r, c: r.plan_count),
    Column(
        "timeliness",
        "及时性 on_time/late/unknown（发布日期，缺则落款日期，与次年截止日比较）",
        _analysis("timeliness"),
    ),
    Column("deadline", "截止日期（次年3月31日）", _analysis("deadline")),
    Column("days_late", "逾期天数", _analysis("days_late")),
    *[
        Column(part, f"{label}：outline（有专门章节）/text（正文提及）/空（缺少）", _analysis(part))
        for part, label in PART_LABELS.items()
    ],
    Column(
        "missing_parts",
        f"缺少的部分（{LIST_SEP} 分隔）",
        lambda r, c: c["analysis"][r.pk].missing() if r.pk in c["analysis"] else None,
    ),
    Column("figure_count", "具体数字个数", _analysis("figure_count")),
    Column(
        "issue_themes",
        f"问题主题（{LIST_SEP} 分隔）",
        lambda r, c: c["themes"].get(("issue", r.pk), []),
    ),
    Column(
        "plan_themes",
        f"计划主题（{LIST_SEP} 分隔）",
        lambda r, c: c["themes"].get(("plan", r.pk), []),
    ),
]


def _item_columns(kind: str) -> list[Column]:
    return [
        Column("id", "编号", lambda i, c: i.pk),
        Column("report_id", "所属报告编号", lambda i, c: i.report_id),
        Column("report_title", "所属报告标题", lambda i, c: i.report.title),
        Column("agency", "发布机关", lambda i, c: i.report.agency.name),
        Column("year", "报告年度", lambda i, c: i.report.year),
        Column("province", "省", lambda i, c: _name(i.report.province)),
        Column("prefecture", "地市", lambda i, c: _name(i.report.prefecture)),
        Column("county", "区县", lambda i, c: _name(i.report.county)),
        Column("order", "在报告中的顺序", lambda i, c: i.order),
        Column("section", "所在章节标题", lambda i, c: i.section.heading),
        Column("headline", "要点", lambda i, c: i.headline),
        Column("text", "全文", lambda i, c: i.text),
        Column(
            "themes", f"主题（{LIST_SEP} 分隔）", lambda i, c: c["themes"].get((kind, i.pk), [])
        ),
        Column("url", "所在章节地址", lambda i, c: c["base"] + i.section.get_absolute_url()),
    ]


ISSUE_COLUMNS = _item_columns("issue")
PLAN_COLUMNS = _item_columns("plan")
FIGURE_COLUMNS = [
    Column("id", "编号", lambda f, c: f.pk),
    Column("report_id", "所属报告编号", lambda f, c: f.report_id),
    Column("agency", "发布机关", lambda f, c: f.report.agency.name),
    Column("year", "报告年度", lambda f, c: f.report.year),
    Column(
        "section",
        "所在章节标题（空：导语）",
        lambda f, c: f.section.heading if f.section_id else None,
    ),
    Column("number", "数字（原文写法）", lambda f, c: f.number),
    Column("value", "数值", lambda f, c: f.value),
    Column("unit", "单位/量词", lambda f, c: f.unit),
    Column("approx", "约数（原文有“余/多”）", lambda f, c: f.approx),
    Column("noun", "计量对象", lambda f, c: f.noun),
    Column("sentence", "原句（简体）", lambda f, c: f.sentence),
]
SECTION_COLUMNS = [
    Column("id", "编号", lambda s, c: s.pk),
    Column("report_id", "所属报告编号", lambda s, c: s.report_id),
    Column("parent_id", "上级章节编号", lambda s, c: s.parent_id),
    Column("order", "在报告中的顺序", lambda s, c: s.order),
    Column("depth", "层次（0 为一级标题）", lambda s, c: s.depth),
    Column("number", "序号", lambda s, c: s.number),
    Column("heading", "标题", lambda s, c: s.heading),
    Column("kind", "类别 achievements/problems/plans/leadership/other", lambda s, c: s.kind),
    Column("body", "正文（原文字体）", lambda s, c: s.body),
]
THEME_COLUMNS = [
    Column("name", "主题", lambda t, c: t.name),
    Column("keywords", f"关键词（{LIST_SEP} 分隔）", lambda t, c: t.keyword_list()),
    Column("order", "顺序", lambda t, c: t.order),
]
ITEM_THEME_COLUMNS = [
    Column("kind", "issue（问题）或 plan（计划）", lambda t, c: t.kind),
    Column("item_id", "问题或计划的编号", lambda t, c: t.issue_id or t.plan_id),
    Column("report_id", "所属报告编号", lambda t, c: t.report_id),
    Column("theme", "主题", lambda t, c: t.theme.name),
    Column("keywords", "命中的关键词", lambda t, c: t.keywords),
]


def _name(region) -> str | None:
    return region.name if region else None


# table → (columns, how to narrow a report queryset to its rows)
TABLES: dict[str, tuple[list[Column], Callable[[QuerySet], QuerySet]]] = {
    "reports": (
        REPORT_COLUMNS,
        lambda reports: reports.select_related("agency", "region", "township"),
    ),
    "issues": (ISSUE_COLUMNS, lambda reports: _items(Issue, reports)),
    "plans": (PLAN_COLUMNS, lambda reports: _items(Plan, reports)),
    "figures": (
        FIGURE_COLUMNS,
        lambda reports: (
            Figure.objects.filter(report__in=reports.values("pk"))
            .select_related("report__agency", "section")
            .order_by("report_id", "order")
        ),
    ),
    "sections": (
        SECTION_COLUMNS,
        lambda reports: Section.objects.filter(report__in=reports.values("pk")).order_by(
            "report_id", "order"
        ),
    ),
    "themes": (THEME_COLUMNS, lambda reports: Theme.objects.all()),
    "item_themes": (
        ITEM_THEME_COLUMNS,
        lambda reports: (
            ItemTheme.objects.filter(report__in=reports.values("pk"))
            .select_related("theme")
            .order_by("report_id", "kind", "pk")
        ),
    ),
}
WEB_TABLES = ("reports", "issues", "plans", "figures")


def _items(model, reports: QuerySet) -> QuerySet:
    return (
        model.objects.filter(report__in=reports.values("pk"))
        .select_related(
            "report__agency", "report__province", "report__prefecture", "report__county", "section"
        )
        .order_by("report_id", "order")
    )


def rows(
    table: str, reports: QuerySet, *, base: str = "", where: Q | None = None
) -> Iterator[dict[str, Any]]:
    """Dicts of plain values, streamed in batches (bounded memory for any result size);
    `where` further filters the table's rows (the items a scoped search matched)."""
    columns, narrow = TABLES[table]
    queryset = narrow(reports)
    if where is not None:
        queryset = queryset.filter(where)
    for batch in _batches(queryset):
        context = _context(table, batch, base)
        for obj in batch:
            yield {col.name: col.get(obj, context) for col in columns}


def _batches(queryset: QuerySet) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for obj in queryset.iterator(chunk_size=BATCH):
        batch.append(obj)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _context(table: str, batch: list[Any], base: str) -> dict[str, Any]:
    context: dict[str, Any] = {"base": base, "themes": defaultdict(list), "analysis": {}}
    ids = [obj.pk for obj in batch]
    if table == "reports":
        context["analysis"] = {
            a.report_id: a for a in ReportAnalysis.objects.filter(report_id__in=ids)
        }
        tags = ItemTheme.objects.filter(report_id__in=ids).order_by("theme__order")
        for kind, report_id, name in tags.values_list("kind", "report_id", "theme__name"):
            names = context["themes"][(kind, report_id)]
            if name not in names:
                names.append(name)
    elif table in ("issues", "plans"):
        kind = table[:-1]
        tags = ItemTheme.objects.filter(**{f"{kind}_id__in": ids}).order_by("theme__order")
        for item_id, name in tags.values_list(f"{kind}_id", "theme__name"):
            context["themes"][(kind, item_id)].append(name)
    return context


def _plain(value: Any, *, for_csv: bool) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list) and for_csv:
        return LIST_SEP.join(value)
    if value is None and for_csv:
        return ""
    return value


class _Echo:
    def write(self, value: str) -> str:
        return value


_WRITER = csv.writer(_Echo())


def csv_header(table: str) -> str:
    return _WRITER.writerow([c.name for c in TABLES[table][0]])


def csv_row(record: dict[str, Any]) -> str:
    return _WRITER.writerow([_plain(v, for_csv=True) for v in record.values()])


def csv_lines(table: str, records: Iterable[dict[str, Any]], *, bom: bool = False) -> Iterator[str]:
    # The BOM lets Excel open the download as UTF-8 (researchers' most common tool).
    yield ("\ufeff" if bom else "") + csv_header(table)
    for record in records:
        yield csv_row(record)


def json_lines(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    for record in records:
        plain = {k: _plain(v, for_csv=False) for k, v in record.items()}
        yield json.dumps(plain, ensure_ascii=False) + "\n"


def json_array(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for index, line in enumerate(json_lines(records)):
        yield ("\n" if index == 0 else ",\n") + line.rstrip("\n")
    yield "\n]\n"
