from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "lawreports.analysis"
    label = "analysis"
    verbose_name = "报告分析"

    def ready(self) -> None:
        from lawreports.analysis import signals  # noqa: F401  (connects receivers)
