"""The curators' workbench: a review queue of reports with sections, issues and plans inline.

Every edit made here is recorded as curated (services.curation) so reloads keep it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from lawreports.reports.admin_add import add_report_view
from lawreports.reports.models import FLAG_LABELS, Agency, Issue, Plan, Region, Report, Section
from lawreports.reports.services import curation


class FlagFilter(admin.SimpleListFilter):
    """Reports carrying one parser flag. Matches the quoted name in the JSON text: portable,
    where JSONField `contains` is PostgreSQL-only."""

    title = "解析标记"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [("any", "有任何标记"), ("none", "无标记"), *FLAG_LABELS.items()]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(flag_count__gt=0)
        if value == "none":
            return queryset.filter(flag_count=0)
        if value in FLAG_LABELS:
            return queryset.filter(flags__icontains=f'"{value}"')
        return queryset


class SectionInline(admin.StackedInline):
    model = Section
    fk_name = "report"
    extra = 0
    fields = (("order", "number", "kind", "depth", "curated"), "heading", "body")
    show_change_link = True
    can_delete = False  # deleting a section would cascade to its issues and plans
    classes = ("collapse",)


class ItemForm(forms.ModelForm):
    def clean(self) -> dict:
        data = super().clean()
        report = data.get("report") or getattr(self.instance, "report", None)
        section = data.get("section")
        if report is not None and section is not None and section.report_id != report.pk:
            raise forms.ValidationError({"section": "章节须属于同一份报告。"})
        return data


class ItemInline(admin.TabularInline):
    form = ItemForm
    extra = 0
    fields = ("order", "headline", "text", "section", "curated")
    raw_id_fields = ("section",)


class IssueInline(ItemInline):
    model = Issue


class PlanInline(ItemInline):
    model = Plan


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "agency",
        "year",
        "level",
        "flag_list",
        "review_status",
        "reviewed_by",
        "created_at",
    )
    list_filter = (FlagFilter, "review_status", "year", "level", "province", "script")
    search_fields = ("title", "agency__name", "source_file")
    raw_id_fields = ("agency", "region", "province", "prefecture", "county", "township")
    readonly_fields = (
        "source_file",
        "content_hash",
        "encoding",
        "original_text",
        "body_text",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
        "issue_count",
        "plan_count",
        "flag_count",
    )
    list_select_related = ("agency", "reviewed_by")
    # The review queue: flagged first, unreviewed ("u…") before reviewed.
    ordering = ("-flag_count", "-review_status", "-year", "pk")
    inlines = [SectionInline, IssueInline, PlanInline]
    actions = ["mark_reviewed", "reparse"]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        # Reports come from files and addresses, never from a blank form.
        return add_report_view(self, request)

    @admin.display(description="解析标记", ordering="flag_count")
    def flag_list(self, obj: Report) -> str:
        return "、".join(obj.flag_labels()) or "—"

    def save_model(self, request, obj: Report, form, change: bool) -> None:
        changed = set(form.changed_data)
        if "region" in changed:
            changed |= set(curation.follow_region(obj))
        if change:
            curation.mark_curated(obj, changed)
        if "review_status" in changed:
            curation.set_review_status(obj, obj.review_status, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change: bool) -> None:
        if formset.model not in (Section, Issue, Plan):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj, fields in formset.changed_objects:
            # Unticking "curated" alone releases the item back to the parser.
            if set(fields) != {"curated"}:
                obj.curated = True
        for obj in formset.new_objects:
            obj.curated = True
        for obj in instances:
            obj.save()
        formset.save_m2m()
        reordered = any("order" in fields for _, fields in formset.changed_objects)
        if formset.model is not Section and (
            formset.deleted_objects or formset.new_objects or reordered
        ):
            curation.mark_item_list_curated(form.instance, formset.model)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        curation.refresh_item_counts(form.instance)

    @admin.action(description="标记为已审核", permissions=["change"])
    def mark_reviewed(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        done = 0
        for report in queryset:
            if curation.mark_reviewed(report, request.user):
                self.log_change(request, report, "标记为已审核 (marked reviewed)")
                done += 1
        self.message_user(request, f"{done} 份报告已标记为已审核。", messages.SUCCESS)

    @admin.action(description="从原文重新解析", permissions=["change"])
    def reparse(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        for report in queryset:
            outcome = curation.reparse_report(report)
            kept = ", ".join(outcome.kept)
            message = "从原文重新解析 (re-parsed)" + (f"; kept curated {kept}" if kept else "")
            self.log_change(request, report, message)
        self.message_user(request, f"{queryset.count()} 份报告已重新解析。", messages.SUCCESS)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "report", "kind", "order", "curated")
    list_filter = ("kind", "curated")
    search_fields = ("heading", "report__title")
    raw_id_fields = ("report", "parent")

    def save_model(self, request, obj: Section, form, change: bool) -> None:
        if change and set(form.changed_data) - {"curated"}:
            obj.curated = True
        super().save_model(request, obj, form, change)


@admin.register(Issue, Plan)
class ItemAdmin(admin.ModelAdmin):
    form = ItemForm
    list_display = ("headline", "report", "order", "curated")
    list_filter = ("curated", "report__year")
    search_fields = ("headline", "report__title", "report__agency__name")
    raw_id_fields = ("report", "section")

    def save_model(self, request, obj: Issue | Plan, form, change: bool) -> None:
        if not change or set(form.changed_data) - {"curated"}:
            obj.curated = True
        super().save_model(request, obj, form, change)
        if not change or "order" in form.changed_data:
            curation.mark_item_list_curated(obj.report, type(obj))
        curation.refresh_item_counts(obj.report)

    def delete_model(self, request, obj: Issue | Plan) -> None:
        report = obj.report
        super().delete_model(request, obj)
        curation.mark_item_list_curated(report, type(obj))
        curation.refresh_item_counts(report)

    def delete_queryset(self, request, queryset) -> None:
        reports = {item.report for item in queryset.select_related("report")}
        super().delete_queryset(request, queryset)
        for report in reports:
            curation.mark_item_list_curated(report, queryset.model)
            curation.refresh_item_counts(report)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "region")
    list_filter = ("kind", "level")
    search_fields = ("name",)
    raw_id_fields = ("region",)
    actions = ["merge"]

    @admin.action(description="合并所选机关（同一机关）", permissions=["change", "delete"])
    def merge(self, request: HttpRequest, queryset: QuerySet[Agency]) -> HttpResponse | None:
        agencies = list(queryset)
        if len(agencies) < 2:
            self.message_user(request, "请至少选择两个机关。", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        target = next((a for a in agencies if str(a.pk) == target_id), None)
        if request.POST.get("post") != "yes" or target is None:
            context = {
                **self.admin_site.each_context(request),
                "title": "合并机关",
                "opts": self.model._meta,
                "agencies": agencies,
                "default": curation.merge_target(agencies),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/reports/agency/merge.html", context)
        others = [a for a in agencies if a.pk != target.pk]
        with transaction.atomic():
            self.log_deletions(request, queryset.exclude(pk=target.pk))
            moved = curation.merge_agencies(target, others)
            for agency, reports in moved.items():
                note = f"合并机关: {agency.name} (id {agency.pk}) → {target.name} (id {target.pk})"
                for report in reports:
                    self.log_change(request, report, note)
                self.log_change(request, target, f"{note}; {len(reports)} reports moved")
        self.message_user(request, f"已合并到 {target.name}。", messages.SUCCESS)
        return None


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")
    raw_id_fields = ("parent",)
