"""Thin views: parameters in, a selector's result out. The list page and the API read
through lawreports.browsing (this module is their URL-facing edge)."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from lawreports.browsing import presenters as browsing
from lawreports.browsing.selectors import SORTS, browse_reports
from lawreports.reports import selectors
from lawreports.reports.charts import province_bars, year_bars
from lawreports.reports.models import Region
from lawreports.reports.presenters import mark_search, simplify_detail

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
    browse = browse_reports(request.GET)
    chosen = browsing.chips(request.GET, browse)
    year = browse.selection.chosen["year"]
    # The search travels to the hits' pages, which mark its terms.
    searched = {"q": browse.query, **({"in": browse.scope} if browse.scope else {})}
    hit_query = f"?{urlencode(searched)}" if browse.query else ""
    context = {
        "browse": browse,
        "chips": chosen,
        "heading": browsing.heading(browse),
        "query_display": browsing.query_display(browse.query) if browse.query else "",
        "filter_count": sum(chip["key"] != "q" for chip in chosen),
        # clearing the filters keeps the search and its scope
        "clear_url": browsing.url_with(
            request.GET, **{k: None for k in request.GET if k not in ("q", "in")}
        ),
        "hit_query": hit_query,
        "page_links": browsing.page_links(request.GET, browse),
        "sorts": SORTS,
        "year_range": {"from": year.low, "to": year.high},
        "open_groups": browsing.open_groups(browse),
        "keep_for_search": browsing.hidden_inputs(request.GET, skip=("q", "in")),
        "keep_for_range": browsing.hidden_inputs(request.GET, skip=("year_from", "year_to")),
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
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    context = selectors.agency_overview(pk)
    context["year_bars"] = year_bars(
        [{"year": year, "n": len(reports)} for year, reports in context["by_year"] if year]
    )
    return render(request, "reports/agency.html", context)


@require_GET
def api_reports(request: HttpRequest) -> JsonResponse:
    browse = browse_reports(request.GET)
    return JsonResponse(
        browsing.browse_json(request, browse), json_dumps_params={"ensure_ascii": False}
    )
