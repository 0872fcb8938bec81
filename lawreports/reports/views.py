"""Thin views: parameters in, a selector's result out."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from lawreports.reports import selectors
from lawreports.reports.charts import province_bars, year_bars
from lawreports.reports.models import Region
from lawreports.reports.presenters import (
    browse_json,
    chips,
    mark_search,
    page_links,
    simplify_detail,
)

# Years a report can cover: the rule-of-law reports began long after 1949.
FIRST_YEAR, LAST_YEAR = 1949, 2100


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = selectors.archive_overview()
    context["year_bars"] = year_bars(context["per_year"])
    context["province_bars"] = province_bars(context["per_province"])
    return render(request, "reports/home.html", context)


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    browse = selectors.browse_reports(request.GET)
    query = request.GET.get("q", "").strip()
    chosen = chips(request.GET, browse)
    # The search travels to the hits' pages, which mark its terms; the scope stays when
    # the filters are cleared.
    searched = urlencode({"q": query, **({"in": browse.scope} if browse.scope else {})})
    context = {
        "browse": browse,
        "chips": chosen,
        "filter_count": sum(chip["key"] != "q" for chip in chosen),
        "clear_url": reverse("reports:list") + (f"?{searched}" if query else ""),
        "hit_query": f"?{searched}" if query else "",
        "page_links": page_links(request.GET, browse),
        "sorts": selectors.SORTS,
    }
    return render(request, "reports/list.html", context)


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.report_detail(pk, simplified=request.GET.get("script") == "simplified")
    context = simplify_detail(context)
    if request.GET.get("q", "").strip():
        context = mark_search(context, request.GET["q"].strip())
    return render(request, "reports/detail.html", context)


@require_GET
def report_original(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_original(pk)
    return HttpResponse(report.original_text, content_type="text/plain; charset=utf-8")


@require_GET
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    region = get_object_or_404(Region.objects.select_related("parent__parent__parent"), code=code)
    context = selectors.region_overview(region)
    context["year_bars"] = year_bars(
        [{"year": year, "n": len(reports)} for year, reports in context["by_year"] if year]
    )
    return render(request, "reports/region.html", context)


@require_GET
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("没有这一年度")
    context = selectors.year_overview(year)
    context["province_bars"] = province_bars(list(context["per_province"]), year=year)
    return render(request, "reports/year.html", context)


@require_GET
def api_reports(request: HttpRequest) -> JsonResponse:
    browse = selectors.browse_reports(request.GET)
    return JsonResponse(browse_json(request, browse), json_dumps_params={"ensure_ascii": False})
