import io

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db, seeds_dir):
    """The five seed reports, loaded the way a user loads them (analysis runs on store)."""
    call_command("load_reports", str(seeds_dir), stdout=io.StringIO())
    from lawreports.reports.models import Report

    return {r.source_file[:3]: r for r in Report.objects.all()}


@pytest.fixture
def make_report(db):
    """Build a small report directly (no parser) and analyse it."""
    import datetime as dt

    from lawreports.analysis.services import analyse_report
    from lawreports.reports.models import Agency, Issue, Plan, Report, Section

    def make(
        *,
        agency: str = "测试县司法局",
        year: int = 2022,
        published_on: dt.date | None = None,
        report_date: dt.date | None = None,
        sections: list[tuple[str, str, str, list[tuple[str, str]]]] = (),
    ) -> Report:
        """sections: (kind, heading, body, [(child heading, child body)])."""
        agency_row, _ = Agency.objects.get_or_create(name=agency, defaults={"kind": "department"})
        report = Report.objects.create(
            source_file=f"{agency}-{year}.txt",
            content_hash=f"{agency}-{year}",
            title=f"{agency}{year}年法治政府建设情况报告",
            agency=agency_row,
            year=year,
            published_on=published_on,
            report_date=report_date,
            original_text="",
        )
        order = 0
        for kind, heading, body, children in sections:
            top = Section.objects.create(
                report=report, order=order, depth=0, heading=heading, body=body, kind=kind
            )
            order += 1
            for index, (child_heading, child_body) in enumerate(children):
                child = Section.objects.create(
                    report=report,
                    parent=top,
                    order=order,
                    depth=1,
                    heading=child_heading,
                    body=child_body,
                    kind=kind,
                )
                order += 1
                model = {"problems": Issue, "plans": Plan}.get(kind)
                if model:
                    model.objects.create(
                        report=report,
                        section=child,
                        order=index,
                        headline=child_heading,
                        text=f"{child_heading}\n{child_body}",
                    )
        report.issue_count = report.issues.count()
        report.plan_count = report.plans.count()
        report.save()
        analyse_report(report)
        return report

    return make
