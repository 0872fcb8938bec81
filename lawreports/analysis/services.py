"""Writes of the analysis room."""

from lawreports.reports.models import Report


def analyse_report(report: Report) -> None:
    """Derive completeness, timeliness, figures and themes for a freshly stored report."""
