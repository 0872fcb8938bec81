"""The curators' workbench: a review queue of reports with sections, issues and plans inline.

Every edit made here is recorded as curated (services.curation) so reloads keep it."""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Case, Exists, OuterRef, QuerySet, When
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html

from lawreports.parsing.model import FLAGS, LEVELS
from lawreports.reports.admin_add import add_report_view
from lawreports.reports.models import (
    FLAG_LABELS,
    UNIDENTIFIED_ISSUER,
    Agency,
    Issue,
    Plan,
    Region,
    Report,
    Section,
)
from lawreports.reports.services import curation

TITLE_SHOWN = 48  # characters of a title in the queue; the whole title shows on hover
REGION_PARENTS = "parent__parent__parent"


class FlagFilter(admin.SimpleListFilter):
    """Reports carrying one parser flag, one choice per flag the parser raises (FLAGS).
    Matches the quoted name in the JSON text: portable, where JSONField `contains` is
    PostgreSQL-only."""

    title = "解析标记"
    parameter_name = "flag"

    def lookups(self, request, model_admin):
        return [
            ("any", "有任何标记"),
            ("none", "无标记"),
            *((flag, FLAG_LABELS.get(flag, flag)) for flag in FLAGS),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.filter(flag_count__gt=0)
        if value == "none":
            return queryset.filter(flag_count=0)
        if value in FLAGS:
            return queryset.filter(flags__icontains=f'"{value}"')
        return queryset


class IssuerFilter(admin.SimpleListFilter):
    title = "发布机关"
    parameter_name = "issuer"

    def lookups(self, request, model_admin):
        return [("none", UNIDENTIFIED_ISSUER), ("known", "已识别")]

    def queryset(self, request, queryset):
        if self.value() in ("none", "known"):
            return queryset.filter(agency__isnull=self.value() == "none")
        return queryset


class PublishedOnFilter(admin.SimpleListFilter):
    title = "发布日期"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("missing", "缺发布日期"), ("present", "有发布日期")]

    def queryset(self, request, queryset):
        if self.value() in ("missing", "present"):
            return queryset.filter(published_on__isnull=self.value() == "missing")
        return queryset


class ProvinceFilter(admin.SimpleListFilter):
    """Provinces that have reports: a related-field filter would list all ~44 000 divisions."""

    title = "省"
    parameter_name = "province"

    def lookups(self, request, model_admin):
        used = Report.objects.filter(province=OuterRef("pk"))
        provinces = Region.objects.filter(level="province").filter(Exists(used))
        return list(provinces.values_list("pk", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(province_id=self.value())
        return queryset


def _same_text(initial: object, data: object) -> bool:
    """Equal as a curator sees it: browsers post textareas with CRLF line ends, and text
    fields strip the ends of what is posted."""

    def plain(value: object) -> str:
        return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()

    return plain(initial) == plain(data)


def _is_text(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field, forms.JSONField)


class CuratorForm(forms.ModelForm):
    """A form whose changed fields are those the curator changed: text that differs from the
    stored value only in line ends or surrounding blanks is unchanged, and is saved as it was
    stored (so an untouched field is never marked curated nor rewritten)."""

    @cached_property
    def changed_data(self) -> list[str]:
        changed = []
        for name in super().changed_data:
            field = self.fields[name]
            if _is_text(field) and _same_text(
                self.get_initial_for_field(field, name), self[name].data
            ):
                continue
            changed.append(name)
        return changed

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk is None:
            return data
        for name, field in self.fields.items():
            if name in data and name not in self.changed_data and _is_text(field):
                data[name] = getattr(self.instance, name, data[name])
        return data


class ReportForm(CuratorForm):
    def clean(self) -> dict:
        data = super().clean()
        changed = set(self.changed_data)
        agency, region = data.get("agency"), data.get("region")
        problem = None
        if "agency" in changed and "region" in changed:
            problem = curation.issuer_conflict(agency, region.pk if region else None)
        elif "agency" in changed and self.instance.region_id is not None:
            problem = curation.issuer_without_division(agency)
        if problem:
            self.add_error("agency", problem)
        return data


class SectionInline(admin.StackedInline):
    model = Section
    form = CuratorForm
    fk_name = "report"
    extra = 0
    fields = (("order", "number", "kind", "depth", "curated"), "heading", "body")
    show_change_link = True
    can_delete = False  # deleting a section would cascade to its issues and plans
    classes = ("collapse",)


class ItemForm(CuratorForm):
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
    """The review queue: flagged reports first, a filter per flag, counts beside each choice."""

    form = ReportForm
    list_display = (
        "short_title",
        "issuer",
        "region_label",
        "year",
        "published",
        "flag_list",
        "review_status",
    )
    list_display_links = ("short_title",)
    list_filter = (
        FlagFilter,
        IssuerFilter,
        PublishedOnFilter,
        "review_status",
        "year",
        "level",
        ProvinceFilter,
        "script",
    )
    show_facets = admin.ShowFacets.ALWAYS
    search_fields = ("title", "agency__name", "source_file")
    autocomplete_fields = ("agency", "region")
    readonly_fields = (
        "title_inferred",
        "province",
        "prefecture",
        "county",
        "township",
        "level",
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
    list_select_related = ("agency", "province", "prefecture", "county", "township")
    # The review queue: flagged first, unreviewed ("u…") before reviewed.
    ordering = ("-flag_count", "-review_status", "-year", "pk")
    inlines = [SectionInline, IssueInline, PlanInline]
    actions = ["mark_reviewed", "reparse"]

    class Media:
        css = {"all": ("admin_queue/queue.css",)}

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        # Reports come from files and addresses, never from a blank form.
        return add_report_view(self, request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in ("agency", "region"):
            # The chosen value reads as the autocomplete offered it: with its full path.
            field.label_from_instance = lambda obj: obj.autocomplete_label()
        return field

    @admin.display(description="标题", ordering="title")
    def short_title(self, obj: Report) -> str:
        title = obj.title or "（无标题）"
        shown = title if len(title) <= TITLE_SHOWN else title[: TITLE_SHOWN - 1] + "…"
        return format_html('<span title="{}">{}</span>', title, shown)

    @admin.display(description="发布机关", ordering="agency__name")
    def issuer(self, obj: Report) -> str:
        return obj.issuer_name

    @admin.display(description="所在地区", ordering="region__code")
    def region_label(self, obj: Report) -> str:
        return " / ".join(region.name for region in obj.region_path()) or "—"

    @admin.display(description="发布日期", ordering="published_on")
    def published(self, obj: Report) -> str:
        return obj.published_on.isoformat() if obj.published_on else "缺"

    @admin.display(description="解析标记", ordering="flag_count")
    def flag_list(self, obj: Report) -> str:
        return "、".join(obj.flag_labels()) or "—"

    def save_model(self, request, obj: Report, form, change: bool) -> None:
        changed = set(form.changed_data)
        if change:
            curation.mark_curated(obj, curation.apply_curator_edit(obj, changed))
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
    form = CuratorForm
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
    list_display = ("name", "kind", "level", "region_label")
    list_filter = ("kind", "level")
    search_fields = ("name", "region__name", "^region__code")
    autocomplete_fields = ("region",)
    actions = ["merge"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).select_related(f"region__{REGION_PARENTS}")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "region":
            field.label_from_instance = lambda obj: obj.autocomplete_label()
        return field

    @admin.display(description="所在区划", ordering="region__code")
    def region_label(self, obj: Agency) -> str:
        return obj.region.path_label() if obj.region else "—"

    def save_model(self, request, obj: Agency, form, change: bool) -> None:
        if "region" in form.changed_data and obj.region is not None:
            obj.level = obj.region.level
        super().save_model(request, obj, form, change)
        if change and "region" in form.changed_data:
            for report in curation.move_agency_reports(obj):
                self.log_change(request, report, f"随发布机关 {obj.name} 移至新区划")

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
    """The whole division tree; the report and agency forms search it by name or code."""

    list_display = ("name", "code", "level", "path")
    list_filter = ("level",)
    # "红河 蒙自" finds 蒙自市 under 红河州: each word may match the name or a parent's name.
    search_fields = ("name", "^code", "parent__name", "parent__parent__name")
    autocomplete_fields = ("parent",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Region]:
        return super().get_queryset(request).select_related(REGION_PARENTS)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # Higher levels first: "朝阳区" lists both 朝阳区 before the streets inside one.
            depth = Case(*(When(level=level, then=i) for i, level in enumerate(LEVELS)))
            queryset = queryset.order_by(depth, "code")
        return queryset, may_have_duplicates

    @admin.display(description="完整路径")
    def path(self, obj: Region) -> str:
        return obj.path_label()
