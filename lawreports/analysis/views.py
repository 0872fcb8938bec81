"""Thin views of the analysis room: statistics, follow-through, exports, the API schema."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_safe
from django.views.static import was_modified_since

from lawreports.analysis import exporting
from lawreports.analysis.dataset import FILES, column_guide, dataset_files
from lawreports.analysis.follow_through import follow_through
from lawreports.analysis.openapi import schema
from lawreports.analysis.selectors import timeliness_stats
from lawreports.browsing.export_names import attachment_header, export_filename
from lawreports.browsing.selectors import matching_items, matching_reports
from lawreports.reports.models import Agency

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
    """One part (at most EXPORT_MAX_ROWS rows) of every row of a list-page search, streamed;
    the `Link` header names the next part and the full dataset."""
    if table not in exporting.WEB_TABLES or fmt not in CONTENT_TYPES:
        raise Http404("没有这种导出")
    part = _part(request.GET.get("part"))
    limit = settings.EXPORT_MAX_ROWS
    start, stop = (part - 1) * limit, part * limit
    reports, _, selection = matching_reports(request.GET)
    where = matching_items(request.GET, table)
    more = exporting.table_rows(table, reports, where)[stop : stop + 1].exists()
    base = request.build_absolute_uri("/").rstrip("/")
    records = exporting.rows(table, reports, base=base, start=start, stop=stop, where=where)
    lines = (
        exporting.csv_lines(table, records, bom=True, codes=request.GET.get("header") == "code")
        if fmt == "csv"
        else exporting.json_array(records)
    )
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES[fmt])
    name = export_filename(table, fmt, selection, request.GET.get("q", ""), part=part)
    response["Content-Disposition"] = attachment_header(name)
    links = [f'<{reverse("analysis:dataset")}>; rel="alternate"; title="dataset"']
    if more:
        following = request.GET.copy()
        following["part"] = str(part + 1)
        links.insert(0, f'<{request.path}?{following.urlencode()}>; rel="next"')
    response["Link"] = ", ".join(links)
    response["X-Export-Part"] = str(part)
    response["X-Export-Complete"] = "false" if more else "true"
    return response


def _part(value: str | None) -> int:
    """`?part=N` (1-based); anything else is the first part."""
    return (
        int(value)
        if value and value.isascii() and value.isdigit() and 0 < int(value) < 10**6
        else 1
    )


DATASET_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".jsonl": "application/x-ndjson; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
}


@require_safe
def dataset(request: HttpRequest) -> HttpResponse:
    """The full dataset's files and its column guide."""
    return render(
        request,
        "analysis/dataset.html",
        {"files": dataset_files(), "guide": column_guide(), "max_rows": settings.EXPORT_MAX_ROWS},
    )


@require_safe
def dataset_file(request: HttpRequest, name: str) -> HttpResponse:
    """One file of the dataset, served like a static file (no database involved)."""
    if name not in FILES:
        raise Http404("数据集中没有这个文件")
    path = Path(settings.DATASET_ROOT) / name
    try:
        handle = path.open("rb")
    except OSError:
        raise Http404("数据集尚未生成") from None
    stat = os.fstat(handle.fileno())
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        handle.close()
        return HttpResponseNotModified()
    response = FileResponse(
        handle,
        as_attachment=not name.endswith(".md"),
        filename=name,
        content_type=DATASET_TYPES[path.suffix],
    )
    response["Last-Modified"] = http_date(stat.st_mtime)
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False, "indent": 1})
