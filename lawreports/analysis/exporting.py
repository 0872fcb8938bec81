"""Rows for data out: one column list per table, shared by the HTTP exports and
`manage.py export_dataset`, so both (and the dump's README) always agree.

Each table is read by one values() query (plain tuples, never a report's texts) whose theme
names are aggregated in SQL, so an export costs the same few queries at any size and holds
one chunk of rows at a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, CharField, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse

from lawreports.analysis.models import Figure, ItemTheme, Theme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.themes import parse_keywords
from lawreports.reports.models import UNIDENTIFIED_ISSUER, Issue, Plan, Section

BATCH = 500  # rows per round trip of the database cursor
LIST_SEP = "|"  # joins list values (themes, missing parts) in CSV cells
_UNIT = "\x1f"  # joins aggregated theme names in SQL; cannot occur in a theme name

Getter = Callable[[dict[str, Any], "Context"], Any]


@dataclass(frozen=True)
class Column:
    name: str  # the code: JSON key, `?header=code` CSV header, README
    label: str  # the Chinese CSV header
    doc: str  # what the README says of it
    source: str | Getter  # a values() key, or a function of (row, context)

    def get(self, row: dict[str, Any], context: Context) -> Any:
        return row[self.source] if isinstance(self.source, str) else self.source(row, context)


@dataclass(frozen=True)
class Context:
    base: str  # scheme and host for page addresses ("" for relative ones)
    theme_order: dict[str, int]
    report_path: tuple[str, str]  # (prefix, suffix) around a report id

    def report_url(self, pk: int, anchor: str = "") -> str:
        return f"{self.base}{self.report_path[0]}{pk}{self.report_path[1]}{anchor}"

    def themes(self, joined: str | None) -> list[str]:
        names = dict.fromkeys(joined.split(_UNIT)) if joined else {}
        return sorted(names, key=lambda n: (self.theme_order.get(n, 1 << 16), n))


def _issuer(key: str) -> Getter:
    """The issuer's name, or the words for an unidentified one (such reports have no agency)."""
    return lambda row, context: row[key] or UNIDENTIFIED_ISSUER


class _Joined(Aggregate):
    """A group's values as one string: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, char(31))"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, chr(31))",
            **extra,
        )


def _theme_names(link: str, **where: str) -> Subquery:
    """The theme names on the outer row (`link` = report, issue or plan), in one string."""
    tags = (
        ItemTheme.objects.filter(**{link: OuterRef("pk")}, **where)
        .order_by()
        .values(link)
        .annotate(names=_Joined("theme__name"))
        .values("names")
    )
    return Subquery(tags, output_field=CharField())


def _analysis(part: str) -> Getter:
    return lambda r, c: r[f"analysis__{part}"]


def _missing(row: dict[str, Any], context: Context) -> list[str] | None:
    if row["analysis__pk"] is None:
        return None
    return [part for part in PART_LABELS if not row[f"analysis__{part}"]]


REPORT_COLUMNS = [
    Column("id", "报告编号", "报告编号", "pk"),
    Column("url", "报告页面地址", "报告页面地址", lambda r, c: c.report_url(r["pk"])),
    Column("title", "标题", "标题", "title"),
    Column("agency", "发布机关", "发布机关", _issuer("agency__name")),
    Column(
        "agency_kind",
        "机关类型",
        "机关类型 government/government_office/department/party_committee/other",
        "agency__kind",
    ),
    Column(
        "level", "层级", "层级 province/prefecture/county/township", lambda r, c: r["level"] or None
    ),
    Column("province", "省", "省", "province__name"),
    Column("prefecture", "地市", "地市", "prefecture__name"),
    Column("county", "区县", "区县", "county__name"),
    Column("township", "乡镇", "乡镇", "township__name"),
    Column("region_code", "区划代码", "最深一级区划代码", "region__code"),
    Column("year", "报告年度", "报告年度", "year"),
    Column("report_date", "落款日期", "落款日期", "report_date"),
    Column("published_on", "发布日期", "发布日期", "published_on"),
    Column("doc_no", "文号", "文号", lambda r, c: r["doc_no"] or None),
    Column("index_no", "索引号", "索引号", lambda r, c: r["index_no"] or None),
    Column("issue_count", "问题数", "列出的问题数", "issue_count"),
    Column("plan_count", "计划数", "列出的计划数", "plan_count"),
    Column(
        "timeliness",
        "及时性",
        "及时性 on_time/late/unknown（发布日期，缺则落款日期，与次年截止日比较）",
        "analysis__timeliness",
    ),
    Column("deadline", "截止日期", "截止日期（次年3月31日）", "analysis__deadline"),
    Column("days_late", "逾期天数", "逾期天数", "analysis__days_late"),
    *[
        Column(
            part,
            label,
            f"{label}：outline（有专门章节）/text（正文提及）/空（缺少）",
            _analysis(part),
        )
        for part, label in PART_LABELS.items()
    ],
    Column("missing_parts", "缺少的部分", f"缺少的部分（{LIST_SEP} 分隔）", _missing),
    Column("figure_count", "具体数字个数", "具体数字个数", "analysis__figure_count"),
    Column(
        "issue_themes",
        "问题主题",
        f"问题主题（{LIST_SEP} 分隔）",
        lambda r, c: c.themes(r["issue_theme_names"]),
    ),
    Column(
        "plan_themes",
        "计划主题",
        f"计划主题（{LIST_SEP} 分隔）",
        lambda r, c: c.themes(r["plan_theme_names"]),
    ),
]
REPORT_FIELDS = (
    *("pk", "title", "agency__name", "agency__kind", "level", "region__code", "year"),
    *(f"{r}__name" for r in ("province", "prefecture", "county", "township")),
    *("report_date", "published_on", "doc_no", "index_no", "issue_count", "plan_count"),
    *("analysis__pk", "analysis__timeliness", "analysis__deadline", "analysis__days_late"),
    *(f"analysis__{part}" for part in PART_LABELS),
    "analysis__figure_count",
)


def _item_columns() -> list[Column]:
    return [
        Column("id", "编号", "编号", "pk"),
        Column("report_id", "报告编号", "所属报告编号", "report_id"),
        Column("report_title", "报告标题", "所属报告标题", "report__title"),
        Column("agency", "发布机关", "发布机关", _issuer("report__agency__name")),
        Column("year", "报告年度", "报告年度", "report__year"),
        Column("province", "省", "省", "report__province__name"),
        Column("prefecture", "地市", "地市", "report__prefecture__name"),
        Column("county", "区县", "区县", "report__county__name"),
        Column("order", "顺序", "在报告中的顺序", "order"),
        Column("section", "所在章节", "所在章节标题", "section__heading"),
        Column("headline", "要点", "要点", "headline"),
        Column("text", "全文", "全文", "text"),
        Column(
            "themes", "主题", f"主题（{LIST_SEP} 分隔）", lambda r, c: c.themes(r["theme_names"])
        ),
        Column(
            "url",
            "所在章节地址",
            "所在章节地址",
            lambda r, c: c.report_url(r["report_id"], f"#s{r['section__order']}"),
        ),
    ]


ITEM_FIELDS = (
    *("pk", "report_id", "report__title", "report__agency__name", "report__year"),
    *(f"report__{r}__name" for r in ("province", "prefecture", "county")),
    *("order", "section__heading", "section__order", "headline", "text", "theme_names"),
)
ISSUE_COLUMNS = _item_columns()
PLAN_COLUMNS = _item_columns()
FIGURE_COLUMNS = [
    Column("id", "编号", "编号", "pk"),
    Column("report_id", "报告编号", "所属报告编号", "report_id"),
    Column("agency", "发布机关", "发布机关", _issuer("report__agency__name")),
    Column("year", "报告年度", "报告年度", "report__year"),
    Column("section", "所在章节", "所在章节标题（空：导语）", "section__heading"),
    Column("number", "数字", "数字（原文写法）", "number"),
    Column("value", "数值", "数值", "value"),
    Column("unit", "单位", "单位/量词", "unit"),
    Column("approx", "约数", "约数（原文有“余/多”）", "approx"),
    Column("noun", "计量对象", "计量对象", "noun"),
    Column("sentence", "原句", "原句（简体）", "sentence"),
]
SECTION_COLUMNS = [
    Column("id", "编号", "编号", "pk"),
    Column("report_id", "报告编号", "所属报告编号", "report_id"),
    Column("parent_id", "上级章节编号", "上级章节编号", "parent_id"),
    Column("order", "顺序", "在报告中的顺序", "order"),
    Column("depth", "层次", "层次（0 为一级标题）", "depth"),
    Column("number", "序号", "序号", "number"),
    Column("heading", "标题", "标题", "heading"),
    Column("kind", "类别", "类别 achievements/problems/plans/leadership/other", "kind"),
    Column("body", "正文", "正文（原文字体）", "body"),
]
THEME_COLUMNS = [
    Column("name", "主题", "主题", "name"),
    Column(
        "keywords",
        "关键词",
        f"关键词（{LIST_SEP} 分隔）",
        lambda r, c: parse_keywords(r["keywords"]),
    ),
    Column("order", "顺序", "顺序", "order"),
]
ITEM_THEME_COLUMNS = [
    Column("kind", "类别", "issue（问题）或 plan（计划）", "kind"),
    Column(
        "item_id", "问题或计划编号", "问题或计划的编号", lambda r, c: r["issue_id"] or r["plan_id"]
    ),
    Column("report_id", "报告编号", "所属报告编号", "report_id"),
    Column("theme", "主题", "主题", "theme__name"),
    Column("keywords", "命中的关键词", "命中的关键词", "keywords"),
]


def _report_rows(reports: QuerySet) -> QuerySet:
    return reports.annotate(
        issue_theme_names=_theme_names("report", kind="issue"),
        plan_theme_names=_theme_names("report", kind="plan"),
    ).values(*REPORT_FIELDS, "issue_theme_names", "plan_theme_names")


def _item_rows(model, link: str) -> Callable[[QuerySet], QuerySet]:
    def narrow(reports: QuerySet) -> QuerySet:
        return (
            model.objects.filter(report__in=reports.values("pk"))
            .annotate(theme_names=_theme_names(link))
            .order_by("report_id", "order", "pk")
            .values(*ITEM_FIELDS)
        )

    return narrow


def _in_reports(model, *fields: str, order: tuple[str, ...]) -> Callable[[QuerySet], QuerySet]:
    return lambda reports: (
        model.objects.filter(report__in=reports.values("pk")).order_by(*order).values(*fields)
    )


# table → (columns, how to turn a report queryset into that table's rows as dicts)
TABLES: dict[str, tuple[list[Column], Callable[[QuerySet], QuerySet]]] = {
    "reports": (REPORT_COLUMNS, _report_rows),
    "issues": (ISSUE_COLUMNS, _item_rows(Issue, "issue")),
    "plans": (PLAN_COLUMNS, _item_rows(Plan, "plan")),
    "figures": (
        FIGURE_COLUMNS,
        _in_reports(
            Figure,
            *("pk", "report_id", "report__agency__name", "report__year", "section__heading"),
            *("number", "value", "unit", "approx", "noun", "sentence"),
            order=("report_id", "order", "pk"),
        ),
    ),
    "sections": (
        SECTION_COLUMNS,
        _in_reports(
            Section,
            *("pk", "report_id", "parent_id", "order", "depth", "number", "heading", "kind"),
            "body",
            order=("report_id", "order"),
        ),
    ),
    "themes": (
        THEME_COLUMNS,
        lambda reports: Theme.objects.order_by("order", "name").values("name", "keywords", "order"),
    ),
    "item_themes": (
        ITEM_THEME_COLUMNS,
        _in_reports(
            ItemTheme,
            *("kind", "issue_id", "plan_id", "report_id", "theme__name", "keywords"),
            order=("report_id", "kind", "pk"),
        ),
    ),
}
WEB_TABLES = ("reports", "issues", "plans", "figures")


def table_rows(table: str, reports: QuerySet, where: Q | None = None) -> QuerySet:
    """The table's rows (dicts) for these reports, in export order, not yet read; `where`
    keeps only some of them (the problems or plans a scoped search matched)."""
    queryset = TABLES[table][1](reports)
    return queryset if where is None else queryset.filter(where)


def rows(
    table: str,
    reports: QuerySet,
    *,
    base: str = "",
    start: int = 0,
    stop: int | None = None,
    where: Q | None = None,
) -> Iterator[dict[str, Any]]:
    """Dicts of plain values keyed by column code, rows [start, stop) of the table (only
    those `where` keeps), streamed from one query (plus one for the theme order)."""
    columns = TABLES[table][0]
    context = _context(base)
    for row in table_rows(table, reports, where)[start:stop].iterator(chunk_size=BATCH):
        yield {col.name: col.get(row, context) for col in columns}


def _context(base: str) -> Context:
    marker = 987654321
    prefix, _, suffix = reverse("reports:detail", args=[marker]).partition(str(marker))
    order = dict(Theme.objects.values_list("name", "order"))
    return Context(base=base, theme_order=order, report_path=(prefix, suffix))


# OWASP "CSV injection": a cell a spreadsheet would evaluate starts with one of these
# (full-width forms too: some East Asian spreadsheet setups read them as formulas).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a `'`
    (OWASP's advice), unless the whole cell is a plain number such as -3.5."""
    if value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _plain(value: Any, *, for_csv: bool) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if not for_csv:
        return value
    if isinstance(value, list):
        value = LIST_SEP.join(value)
    if value is None:
        return ""
    return spreadsheet_safe(value) if isinstance(value, str) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


# Every cell quoted: a spreadsheet set to split on ";" or tabs cannot cut a cell open.
_WRITER = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)


def csv_header(table: str, *, codes: bool = False) -> str:
    """The header line: Chinese labels, or the column codes (as in the JSON) if `codes`."""
    columns = TABLES[table][0]
    return _WRITER.writerow([spreadsheet_safe(c.name if codes else c.label) for c in columns])


def csv_row(record: dict[str, Any]) -> str:
    return _WRITER.writerow([_plain(v, for_csv=True) for v in record.values()])


def csv_lines(
    table: str, records: Iterable[dict[str, Any]], *, bom: bool = False, codes: bool = False
) -> Iterator[str]:
    # The BOM lets Excel open the download as UTF-8 (researchers' most common tool).
    yield ("\ufeff" if bom else "") + csv_header(table, codes=codes)
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
