"""An Atom feed of newly added reports, optionally narrowed like the list page (?q=…&year=…)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from lawreports.browsing.selectors import matching_reports
from lawreports.reports.models import Report

FEED_SIZE = 50


class ReportFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "新收录的法治政府建设年度报告"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> QueryDict:
        return request.GET

    def link(self, params: QueryDict) -> str:
        query = params.urlencode()
        return reverse("reports:list") + (f"?{query}" if query else "")

    def title(self, params: QueryDict) -> str:
        narrowed = "、".join(f"{k}={v}" for k, v in params.items() if v)
        return f"法治报告库：新收录的报告（{narrowed}）" if narrowed else "法治报告库：新收录的报告"

    def items(self, params: QueryDict):
        reports, _ = matching_reports(params)
        return reports.order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, item: Report) -> str:
        return item.title

    def item_description(self, item: Report) -> str:
        region = " › ".join(r.name for r in item.region_path())
        return f"{item.issuer_name} · {item.year or '年度未知'}年 · {region}".strip(" ·")

    def item_pubdate(self, item: Report):
        return item.created_at

    def item_updateddate(self, item: Report):
        return item.updated_at
