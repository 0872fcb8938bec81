"""Curators edit the theme taxonomy here; derived rows are read-only (re-run the analysis)."""

from django.contrib import admin, messages

from lawreports.analysis.models import Figure, ItemTheme, ReportAnalysis, Theme
from lawreports.analysis.services import analyse_all


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "keywords", "order")
    list_editable = ("order",)
    search_fields = ("name", "keywords")
    actions = ["reanalyse_everything"]

    @admin.action(description="按当前主题分类重新分析全部报告")
    def reanalyse_everything(self, request, queryset) -> None:
        done = analyse_all()
        self.message_user(request, f"已重新分析 {done} 份报告。", messages.SUCCESS)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportAnalysis)
class ReportAnalysisAdmin(ReadOnlyAdmin):
    list_display = ("report", "timeliness", "missing_count", "figure_count", "leadership")
    list_filter = ("timeliness", "missing_count", "leadership", "problems", "other")
    search_fields = ("report__title", "report__agency__name")
    list_select_related = ("report",)


@admin.register(Figure)
class FigureAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "noun", "unit", "report")
    list_filter = ("unit", "approx")
    search_fields = ("noun", "sentence", "report__title")
    list_select_related = ("report",)


@admin.register(ItemTheme)
class ItemThemeAdmin(ReadOnlyAdmin):
    list_display = ("theme", "kind", "keywords", "report")
    list_filter = ("theme", "kind")
    search_fields = ("report__title", "keywords")
    list_select_related = ("theme", "report")
