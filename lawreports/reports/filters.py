"""The list page's facets, as one django-filter FilterSet."""

import django_filters as filters
from django.db.models import QuerySet

from lawreports.reports.models import AGENCY_KIND_CHOICES, LEVEL_CHOICES, Report


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
