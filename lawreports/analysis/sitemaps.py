"""/sitemap.xml: report pages, region pages and year pages."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from lawreports.reports.models import Region, Report


class ReportSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self):
        return Report.objects.only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Report):
        return item.updated_at


class RegionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        # Regions with reports somewhere below them (the table holds the whole division tree).
        below = Q()
        for level in ("province", "prefecture", "county", "township"):
            below |= Q(Exists(Report.objects.filter(**{level: OuterRef("pk")})))
        return Region.objects.filter(below).only("code").order_by("code")


class YearSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[int]:
        years = Report.objects.exclude(year__isnull=True).values_list("year", flat=True)
        return sorted(set(years))

    def location(self, item: int) -> str:
        return reverse("reports:year", args=[item])


SITEMAPS = {"reports": ReportSitemap, "regions": RegionSitemap, "years": YearSitemap}
