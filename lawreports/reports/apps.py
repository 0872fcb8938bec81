from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "lawreports.reports"
    label = "reports"
    verbose_name = "报告"
