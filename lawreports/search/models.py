"""One search document per report: the unit that AND/OR/NOT, counts and ranking apply to.

A query's words may sit in different sections, and results are counted in reports, so the
boolean match is evaluated per report; sections are picked (and highlighted) for the page
shown only. On PostgreSQL `vector` (title A, headings B, body C, plus position-less character
bigrams) carries a GIN index made in the migration; on SQLite the vectors stay NULL and an FTS5
table (see backends/sqlite.py) holds the tokens. `text` serves both: phrase verification.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ReportSearchDocument(models.Model):
    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    # Normalised (segmentation.compact) title + preamble + sections, whitespace removed.
    text = models.TextField()
    vector = SearchVectorField(null=True)
    # Title and headings only: a cheap first cut when ranking many matches.
    head = SearchVectorField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "检索文档"

    def __str__(self) -> str:
        return f"search document for report {self.report_id}"
