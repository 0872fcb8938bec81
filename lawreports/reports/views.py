"""Thin views: parameters in, a selector's result out."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from lawreports.reports import selectors
from lawreports.reports.models import Region
from lawreports.reports.presenters import browse_json, chips, page_links


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/home.html", selectors.archive_overview())


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    browse = selectors.browse_reports(request.GET)
    context = {
        "browse": browse,
        "chips": chips(request.GET, browse),
        "page_links": page_links(request.GET, browse),
        "sorts": selectors.SORTS,
    }
    return render(request, "reports/list.html", context)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.report_detail(pk, simplified=request.GET.get("script") == "simplified")
    return render(request, "reports/detail.html", context)


@require_GET
def report_original(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_original(pk)
    return HttpResponse(report.original_text, content_type="text/plain; charset=utf-8")


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent__parent"), code=code)
    return render(request, "reports/region.html", selectors.region_overview(region))


@require_GET
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    return render(request, "reports/year.html", selectors.year_overview(year))


@require_GET
def api_reports(request: HttpRequest) -> JsonResponse:
    browse = selectors.browse_reports(request.GET)
    return JsonResponse(browse_json(request, browse), json_dumps_params={"ensure_ascii": False})
