"""The admin's "add report" page: a curator pastes an address or uploads a file; the load
service (services.loading.add_report) parses and stores it like load_reports does."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from lawreports.parsing import ParseError
from lawreports.parsing.documents import MAX_DOCUMENT_BYTES
from lawreports.reports.models import Report
from lawreports.reports.services.loading import add_report, failure_reason

_STATUS = {
    "loaded": "已添加",
    "updated": "已更新（原文有变化，人工校订的字段保留）",
    "unchanged": "已收录，内容未变",
}


class AddReportForm(forms.Form):
    url = forms.URLField(
        label="原网页地址",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="政府网站上报告页面或附件（PDF、Word）的地址",
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        help_text="txt、html、pdf、docx；doc、wps 需安装 LibreOffice",
    )

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("file")):
            raise forms.ValidationError("请填写地址或选择文件（二选一）。")
        return data


def add_report_view(model_admin: admin.ModelAdmin, request: HttpRequest) -> HttpResponse:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    posted = request.method == "POST"
    form = AddReportForm(request.POST, request.FILES) if posted else AddReportForm()
    if posted and form.is_valid():
        url, upload = form.cleaned_data["url"], form.cleaned_data["file"]
        try:
            if url:
                outcome = add_report(url=url)
            else:
                outcome = add_report(name=upload.name, data=upload.read(MAX_DOCUMENT_BYTES + 1))
        except ParseError as exc:
            form.add_error(None, f"无法添加：{exc}")
        except Exception as exc:  # a database error: shown, not a server error page
            form.add_error(None, f"无法添加：{failure_reason(exc)}")
        else:
            if outcome.report is None:
                model_admin.message_user(
                    request, f"与已收录的报告内容相同：{outcome.duplicate_of}", messages.WARNING
                )
                return HttpResponseRedirect(reverse("admin:reports_report_changelist"))
            report = outcome.report
            if outcome.status == "loaded":
                model_admin.log_addition(request, report, f"添加自 {url or upload.name}")
            model_admin.message_user(
                request, f"{_STATUS[outcome.status]}：{report.title}", messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:reports_report_change", args=[report.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "添加报告",
        "opts": Report._meta,
        "form": form,
    }
    return TemplateResponse(request, "admin/reports/report/add_source.html", context)
