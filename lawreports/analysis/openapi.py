"""The OpenAPI 3 description of GET /api/reports; the facet parameters come from the facet
registry (browsing/openapi.py), so a new facet is documented the moment it is declared."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lawreports.browsing.openapi import counted_facets, facet_parameters
from lawreports.browsing.selectors import SORTS
from lawreports.search.scoped import SCOPES

RESULT_FIELDS = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "agency": {
        "type": "string",
        "description": "发布机关；未能识别时为「未识别发布机关」（不对应任何机关记录）",
    },
    "agency_id": {"type": "integer", "nullable": True, "description": "未识别发布机关时为 null"},
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
    return params + facet_parameters()


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
                    "required": [
                        "count",
                        "page",
                        "pages",
                        "message",
                        "filters",
                        "results",
                        "facets",
                    ],
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
                            "description": "检索式或某个筛选取值无法使用时的说明（该取值未被应用）",
                        },
                        "filters": {
                            "type": "object",
                            "description": "实际生效的筛选：每个分面的取值（values）与名称"
                            "（labels），年度另有范围 from/to；无法使用的取值不在其中",
                            "additionalProperties": {"type": "object"},
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
                                for name in counted_facets()
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
