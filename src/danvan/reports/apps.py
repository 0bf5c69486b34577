from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danvan.reports"

    def ready(self) -> None:
        from danvan.reports import counts  # noqa: F401  (connects the receiver that keeps the counts exact)
