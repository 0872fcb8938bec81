"""The curators' workbench: every model, reports with their sections, issues and plans inline."""

from django.contrib import admin

from lawreports.reports.models import Agency, Issue, Plan, Region, Report, Section


class SectionInline(admin.TabularInline):
    model = Section
    fk_name = "report"
    extra = 0
    fields = ("order", "number", "heading", "kind", "depth")
    show_change_link = True


class IssueInline(admin.TabularInline):
    model = Issue
    extra = 0
    fields = ("order", "headline", "text", "section", "curated")
    raw_id_fields = ("section",)


class PlanInline(admin.TabularInline):
    model = Plan
    extra = 0
    fields = ("order", "headline", "text", "section", "curated")
    raw_id_fields = ("section",)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "year", "level", "province", "review_status", "created_at")
    list_filter = ("year", "level", "province", "review_status", "script")
    search_fields = ("title", "agency__name", "source_file")
    raw_id_fields = ("agency", "region", "province", "prefecture", "county", "township")
    readonly_fields = ("content_hash", "created_at", "updated_at", "issue_count", "plan_count")
    list_select_related = ("agency", "province")
    inlines = [SectionInline, IssueInline, PlanInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "report", "kind", "order")
    list_filter = ("kind",)
    search_fields = ("heading", "report__title")
    raw_id_fields = ("report", "parent")


@admin.register(Issue, Plan)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("headline", "report", "order", "curated")
    list_filter = ("curated", "report__year")
    search_fields = ("headline", "report__title", "report__agency__name")
    raw_id_fields = ("report", "section")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "region")
    list_filter = ("kind", "level")
    search_fields = ("name",)
    raw_id_fields = ("region",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")
    raw_id_fields = ("parent",)
