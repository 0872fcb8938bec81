"""The admin site: Chinese headers, and autocomplete choices labelled so that two divisions or
agencies of the same name can be told apart (云南省 / 红河哈尼族彝族自治州 / 蒙自市)."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig as BaseAdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.http import HttpRequest, HttpResponse


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name: str) -> dict[str, str]:
        label = getattr(obj, "autocomplete_label", None)
        return {"id": str(getattr(obj, to_field_name)), "text": label() if label else str(obj)}


class LawReportsAdminSite(AdminSite):
    site_header = "法治政府建设年度报告库 · 管理"
    site_title = "报告库管理"
    index_title = "校订与审核"
    enable_nav_sidebar = False  # the review queue needs the width for titles and paths

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)


class AdminConfig(BaseAdminConfig):
    default_site = "lawreports.admin_site.LawReportsAdminSite"
