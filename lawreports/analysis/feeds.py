"""An Atom feed of newly added reports, optionally narrowed like the list page (?q=…&year=…).

Every text in it passes through `xml_text`: XML 1.0 cannot carry control characters, and a
parameter or a report holding one must not turn the feed into a 500 or broken XML.
"""

from __future__ import annotations

import re

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from lawreports.browsing.selectors import matching_reports
from lawreports.reports.models import Report

FEED_SIZE = 50
TITLE_PARAM_CHARS = 40  # of each parameter shown in the feed's title
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


class ReportFeed(Feed):
    feed_type = Atom1Feed
    subtitle = "新收录的法治政府建设年度报告"

    def get_object(self, request: HttpRequest, *args, **kwargs) -> QueryDict:
        return request.GET

    def link(self, params: QueryDict) -> str:
        query = params.urlencode()
        return reverse("reports:list") + (f"?{query}" if query else "")

    def title(self, params: QueryDict) -> str:
        narrowed = "、".join(
            f"{k[:TITLE_PARAM_CHARS]}={v[:TITLE_PARAM_CHARS]}" for k, v in params.items() if v
        )
        title = (
            f"法治报告库：新收录的报告（{narrowed}）" if narrowed else "法治报告库：新收录的报告"
        )
        return xml_text(title)

    def items(self, params: QueryDict):
        reports = matching_reports(params).reports
        return (
            reports.select_related("township")
            .defer("original_text", "body_text", "preamble")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: Report) -> str:
        return xml_text(item.title)  # Atom <title> is text: the XML writer escapes it

    def item_description(self, item: Report) -> str:
        # <summary type="html">: plain text escaped once for HTML, then once more as XML.
        region = " › ".join(r.name for r in item.region_path())
        text = f"{item.issuer_name} · {item.year or '年度未知'}年 · {region}".strip(" ·")
        return escape(xml_text(text))

    def item_pubdate(self, item: Report):
        return item.created_at

    def item_updateddate(self, item: Report):
        return item.updated_at
