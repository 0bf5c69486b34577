from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "danvan.rounds"
    verbose_name = _("Đợt báo cáo")

    def ready(self) -> None:
        from danvan.reports.parts import Contributor, contribute
        from danvan.rounds.report_parts import round_parts, rounds_of

        contribute(Contributor("rounds", round_parts, rounds=rounds_of))
