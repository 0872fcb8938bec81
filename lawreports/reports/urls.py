from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", views.report_list, name="list"),
    path("reports/<int:pk>/", views.report_detail, name="detail"),
    path("reports/<int:pk>/original.txt", views.report_original, name="original"),
    path("regions/<str:code>/", views.region_detail, name="region"),
    path("years/<int:year>/", views.year_detail, name="year"),
    path("api/reports", views.api_reports, name="api_reports"),
]
