from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "lawreports.analysis"
    label = "analysis"
    verbose_name = "报告分析"
