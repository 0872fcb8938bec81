from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "lawreports.search"
    label = "search"
    verbose_name = "全文检索"

    def ready(self) -> None:
        from lawreports.search import signals  # noqa: F401  (connects the receivers)
