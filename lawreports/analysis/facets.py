"""Counts for the analysis facets of the list page, as (value, label, count) triples.

Each function takes the reports the other facets leave (reports.selectors does that part).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from lawreports.analysis.models import ItemTheme
from lawreports.analysis.text.completeness import PART_LABELS
from lawreports.analysis.text.timeliness import LABELS as TIMELINESS_LABELS
from lawreports.reports.filters import FIGURE_BUCKETS

Triple = tuple[str, str, int]


def timeliness(reports: QuerySet) -> list[Triple]:
    counts = dict(
        reports.exclude(analysis__isnull=True)
        .values_list("analysis__timeliness")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        (key, label, counts[key]) for key, label in TIMELINESS_LABELS.items() if counts.get(key)
    ]


def missing_parts(reports: QuerySet) -> list[Triple]:
    counts = reports.aggregate(
        **{part: Count("pk", filter=Q(**{f"analysis__{part}": ""})) for part in PART_LABELS}
    )
    return [
        (part, f"缺{label}", counts[part]) for part, label in PART_LABELS.items() if counts[part]
    ]


def themes(reports: QuerySet, kind: str) -> list[Triple]:
    rows = (
        ItemTheme.objects.filter(kind=kind, report__in=reports.values("pk"))
        .values("theme__name", "theme__order")
        .annotate(n=Count("report", distinct=True))
        .order_by("theme__order", "theme__name")
    )
    return [(row["theme__name"], row["theme__name"], row["n"]) for row in rows]


def figure_buckets(reports: QuerySet) -> list[Triple]:
    def bucket(low: int, high: int | None) -> Q:
        q = Q(analysis__figure_count__gte=low)
        return q if high is None else q & Q(analysis__figure_count__lte=high)

    counts = reports.aggregate(
        **{
            key: Count("pk", filter=bucket(low, high))
            for key, (_, low, high) in FIGURE_BUCKETS.items()
        }
    )
    return [
        (key, label, counts[key]) for key, (label, _, _) in FIGURE_BUCKETS.items() if counts[key]
    ]
