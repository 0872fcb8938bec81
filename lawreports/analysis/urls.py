from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe

from lawreports.analysis import views
from lawreports.analysis.feeds import ReportFeed
from lawreports.analysis.sitemaps import SITEMAPS

app_name = "analysis"
urlpatterns = [
    path("stats/timeliness/", views.timeliness, name="timeliness"),
    path("agencies/<int:pk>/follow-through/", views.agency_follow_through, name="follow_through"),
    path("export/<str:table>.<str:fmt>", views.export, name="export"),
    path("data/", views.dataset, name="dataset"),
    path("data/<str:name>", views.dataset_file, name="dataset_file"),
    path("feeds/reports.atom", require_safe(ReportFeed()), name="feed"),
    path("sitemap.xml", require_safe(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/openapi.json", views.openapi, name="openapi"),
]
