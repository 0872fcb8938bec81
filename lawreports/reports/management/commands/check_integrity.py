"""Invariants the loader promises; a failure means a half-written or inconsistent report."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, F, Q

from lawreports.reports.models import Agency, Issue, Plan, Report, Section


def integrity_problems(limit: int = 20) -> list[str]:
    """Human-readable problems, at most `limit` per kind; empty means the archive is sound."""
    problems: list[str] = []

    def note(kind: str, ids) -> None:
        ids = list(ids[:limit])
        if ids:
            problems.append(f"{kind}: {ids}")

    for model in (Issue, Plan):
        note(
            f"{model.__name__} in a section of another report",
            model.objects.exclude(section__report_id=F("report_id")).values_list("pk", flat=True),
        )
    note(
        "Section whose parent is in another report",
        Section.objects.filter(parent__isnull=False)
        .exclude(parent__report_id=F("report_id"))
        .values_list("pk", flat=True),
    )
    note(
        "Report without sections",
        Report.objects.filter(sections__isnull=True).values_list("pk", flat=True),
    )
    unflagged = [
        pk
        for pk, flags in Report.objects.filter(region__isnull=True).values_list("pk", "flags")
        if "region_unresolved" not in (flags or [])
    ]
    note("Report without region or region_unresolved flag", unflagged)
    # One agency is one issuer in one division: its reports all lie in its division.
    note(
        "Agency whose reports lie in more than one division",
        Agency.objects.annotate(n=Count("reports__region", distinct=True))
        .filter(n__gt=1)
        .values_list("pk", flat=True),
    )
    note(
        "Report in another division than its agency",
        Report.objects.filter(agency__isnull=False)
        .filter(
            Q(region__isnull=True, agency__region__isnull=False)
            | Q(region__isnull=False, agency__region__isnull=True)
            | (Q(region__isnull=False) & ~Q(region_id=F("agency__region_id")))
        )
        .values_list("pk", flat=True),
    )
    # Separate annotations: joining issues and plans at once multiplies rows.
    for related, column in (("issues", "issue_count"), ("plans", "plan_count")):
        note(
            f"Report whose {column} is wrong",
            Report.objects.annotate(n=Count(related))
            .filter(~Q(n=F(column)))
            .values_list("pk", flat=True),
        )
    note(
        "Report missing from the search index",
        Report.objects.filter(search_document__isnull=True).values_list("pk", flat=True),
    )
    return problems


class Command(BaseCommand):
    help = (
        "Check that every report is whole: sections, items, counts, region, one division per "
        "agency, search index."
    )

    def handle(self, *args, **options):
        problems = integrity_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} kind(s) of integrity problem", returncode=1)
        self.stdout.write(f"ok: {Report.objects.count()} reports")
