"""The list page's facets, as one django-filter FilterSet."""

import django_filters as filters
from django.db.models import QuerySet

from lawreports.analysis.models import TIMELINESS_CHOICES, ItemTheme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.reports.models import AGENCY_KIND_CHOICES, LEVEL_CHOICES, Report

# Buckets of a report's count of stated figures (a rough measure of concreteness).
FIGURE_BUCKETS = {
    "none": ("无具体数字", 0, 0),
    "few": ("1–9个", 1, 9),
    "many": ("10个及以上", 10, None),
}


class ReportFilter(filters.FilterSet):
    province = filters.CharFilter(method="filter_region", label="省份")
    prefecture = filters.CharFilter(method="filter_region", label="地市")
    county = filters.CharFilter(method="filter_region", label="区县")
    year = filters.NumberFilter(field_name="year", label="年度")
    level = filters.ChoiceFilter(field_name="level", choices=LEVEL_CHOICES, label="层级")
    agency_kind = filters.ChoiceFilter(
        field_name="agency__kind", choices=AGENCY_KIND_CHOICES, label="机关类型"
    )
    has_issues = filters.BooleanFilter(method="filter_has_issues", label="承认存在问题")
    timeliness = filters.ChoiceFilter(
        field_name="analysis__timeliness", choices=TIMELINESS_CHOICES, label="及时性"
    )
    missing_part = filters.ChoiceFilter(
        method="filter_missing_part", choices=list(PART_LABELS.items()), label="缺少部分"
    )
    issue_theme = filters.CharFilter(method="filter_theme", label="问题主题")
    plan_theme = filters.CharFilter(method="filter_theme", label="计划主题")
    figures = filters.ChoiceFilter(
        method="filter_figures",
        choices=[(key, label) for key, (label, _, _) in FIGURE_BUCKETS.items()],
        label="具体数字",
    )
    min_figures = filters.NumberFilter(
        field_name="analysis__figure_count", lookup_expr="gte", label="具体数字不少于"
    )

    class Meta:
        model = Report
        fields: list[str] = []

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """A division code (from the facets) or its name (friendlier in API calls)."""
        column = "code" if value.isdigit() else "name"
        return queryset.filter(**{f"{name}__{column}": value})

    def filter_has_issues(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(issue_count__gt=0) if value else queryset.filter(issue_count=0)

    def filter_missing_part(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"analysis__{value}": ""})

    def filter_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """issue_theme=执法: reports with at least one issue tagged 执法."""
        kind = "issue" if name == "issue_theme" else "plan"
        tagged = ItemTheme.objects.filter(kind=kind, theme__name=value).values("report_id")
        return queryset.filter(pk__in=tagged)

    def filter_figures(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        _, low, high = FIGURE_BUCKETS[value]
        queryset = queryset.filter(analysis__figure_count__gte=low)
        return queryset if high is None else queryset.filter(analysis__figure_count__lte=high)
