from django.urls import path, register_converter

from . import views


class DivisionCodeConverter:
    """Division codes are digits; anything else is not a region (and never reaches SQL)."""

    regex = r"\d{2,12}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(DivisionCodeConverter, "division")

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/original.txt", views.report_original, name="original"),
    path("regions/<division:code>/", views.region_detail, name="region"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("api/reports", views.api_reports, name="api_reports"),
]
