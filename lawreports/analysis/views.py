"""Thin views of the analysis room: statistics, follow-through, exports, the API schema."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from lawreports.analysis import exporting
from lawreports.analysis.follow_through import follow_through
from lawreports.analysis.openapi import schema
from lawreports.analysis.selectors import timeliness_stats
from lawreports.reports.models import Agency
from lawreports.reports.selectors import matching_items, matching_reports

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_GET
def timeliness(request: HttpRequest) -> HttpResponse:
    return render(request, "analysis/timeliness.html", timeliness_stats())


@require_GET
def agency_follow_through(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    return render(
        request,
        "analysis/follow_through.html",
        {"agency": agency, "pairs": follow_through(agency)},
    )


@require_GET
def export(request: HttpRequest, table: str, fmt: str) -> StreamingHttpResponse:
    """Every row of a list-page search (all pages, same parameters), streamed."""
    if table not in exporting.WEB_TABLES or fmt not in CONTENT_TYPES:
        raise Http404("没有这种导出")
    reports, _ = matching_reports(request.GET)
    base = request.build_absolute_uri("/").rstrip("/")
    where = matching_items(request.GET, table)
    records = exporting.rows(table, reports, base=base, where=where)
    lines = (
        exporting.csv_lines(table, records, bom=True)
        if fmt == "csv"
        else exporting.json_array(records)
    )
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{table}.{fmt}"'
    return response


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
