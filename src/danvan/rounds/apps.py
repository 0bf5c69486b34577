from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "danvan.rounds"
    verbose_name = "Đợt báo cáo"

    def ready(self) -> None:
        from danvan.reports.parts import Contributor, contribute
        from danvan.rounds.report_parts import round_parts, rounds_of

        contribute(Contributor("rounds", round_parts, rounds=rounds_of))
