"""The OpenAPI 3 description of GET /api/reports, built from the same FilterSet the API
uses, so a new filter is documented the moment it exists."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.http import HttpRequest

from lawreports.reports.filters import ReportFilter
from lawreports.reports.selectors import SORTS
from lawreports.search.scoped import SCOPES

EXTRA_DOCS = {
    "province": "省：区划代码（530000）或名称（云南省）",
    "prefecture": "地市：区划代码或名称",
    "county": "区县：区划代码或名称",
    "year": "报告年度，如 2022",
    "has_issues": "true：报告列出了存在的问题；false：未列出",
    "timeliness": "及时性：on_time 准时（次年3月31日前发布，缺发布日期时看落款日期）、late 逾期、unknown 未知",
    "missing_part": "缺少《规定》要求的某一部分：measures 举措成效、problems 不足及原因、leadership 主要负责人履行第一责任人职责、plans 下一年度计划、other 其他需要报告的事项",
    "issue_theme": "问题主题（主题分类中的名称，如 执法）",
    "plan_theme": "计划主题（主题分类中的名称，如 政务公开）",
    "figures": "报告中具体数字的多少：none 无、few 1–9个、many 10个及以上",
    "min_figures": "具体数字不少于几个",
}
RESULT_FIELDS = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "agency": {"type": "string"},
    "year": {"type": "integer", "nullable": True},
    "level": {
        "type": "string",
        "nullable": True,
        "enum": ["province", "prefecture", "county", "township", None],
    },
    "province": {"type": "string", "nullable": True},
    "prefecture": {"type": "string", "nullable": True},
    "county": {"type": "string", "nullable": True},
    "url": {"type": "string", "format": "uri", "description": "报告页面（检索时为命中章节）"},
    "snippet": {"type": "string", "description": "命中片段，HTML，<mark> 标出检索词"},
}
FACETS = ("year", "level", "province", "prefecture", "county", "agency_kind")


def _parameter(name: str, flt: filters.Filter) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if isinstance(flt, filters.NumberFilter):
        schema = {"type": "integer"}
    elif isinstance(flt, filters.BooleanFilter):
        schema = {"type": "boolean"}
    elif isinstance(flt, filters.ChoiceFilter):
        schema = {"type": "string", "enum": [key for key, _ in flt.extra["choices"]]}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": EXTRA_DOCS.get(name, str(flt.label or name)),
        "schema": schema,
    }


def parameters() -> list[dict[str, Any]]:
    params = [
        {
            "name": "q",
            "in": "query",
            "required": False,
            "description": "检索式：空格分隔的词须同时出现，每个词按原样（忽略空白）出现才算；"
            "“…”可括住含空格的词；a OR b；-词 排除；繁简通用",
            "schema": {"type": "string"},
        },
        {
            "name": "in",
            "in": "query",
            "required": False,
            "description": "检索范围（默认全文）：title 标题、agency 发布机关、issues 存在问题、"
            "plans 下一步计划。issues/plans 时摘要取自匹配的问题或计划，"
            "/export/issues.csv（或 plans.csv）只列出匹配的条目",
            "schema": {"type": "string", "enum": list(SCOPES)},
        },
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "页码，从 1 开始；每页 20 条，超出范围时取最近的有效页",
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "sort",
            "in": "query",
            "required": False,
            "description": "排序：relevance 相关度（有检索词时默认）、date 日期、region 地区、figures 具体数字最多",
            "schema": {"type": "string", "enum": list(SORTS)},
        },
    ]
    return params + [_parameter(name, flt) for name, flt in ReportFilter.base_filters.items()]


def schema(request: HttpRequest | None = None) -> dict[str, Any]:
    server = request.build_absolute_uri("/").rstrip("/") if request else "/"
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "法治报告库 API",
            "version": "1",
            "description": "法治政府建设年度报告的检索与筛选。批量数据见 /export/reports.csv 等（参数与本接口相同）。",
        },
        "servers": [{"url": server}],
        "paths": {
            "/api/reports": {
                "get": {
                    "summary": "检索、筛选报告（分页）",
                    "operationId": "listReports",
                    "parameters": parameters(),
                    "responses": {
                        "200": {
                            "description": "一页结果与分面计数",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ReportPage"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "ReportPage": {
                    "type": "object",
                    "required": ["count", "page", "pages", "message", "results", "facets"],
                    "properties": {
                        "count": {"type": "integer", "description": "符合条件的报告总数"},
                        "in": {
                            "type": "string",
                            "nullable": True,
                            "enum": [*SCOPES, None],
                            "description": "生效的检索范围（null：全文）",
                        },
                        "page": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "message": {
                            "type": "string",
                            "nullable": True,
                            "description": "检索式无法使用时的说明",
                        },
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/ReportHit"},
                        },
                        "facets": {
                            "type": "object",
                            "description": "每个分面：取值 → 报告数（地区以名称为键）；"
                            "选定 province 后才有 prefecture，选定 prefecture 后才有 county",
                            "properties": {
                                name: {
                                    "type": "object",
                                    "additionalProperties": {"type": "integer"},
                                }
                                for name in FACETS
                            },
                        },
                    },
                },
                "ReportHit": {
                    "type": "object",
                    "required": list(RESULT_FIELDS),
                    "properties": RESULT_FIELDS,
                },
            }
        },
    }
