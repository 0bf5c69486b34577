from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KeytasksConfig(AppConfig):
    name = "danvan.keytasks"
    verbose_name = _("Nhiệm vụ trọng tâm")

    def ready(self) -> None:
        from danvan.keytasks.report_parts import keytask_parts
        from danvan.reports.parts import Contributor, contribute

        contribute(Contributor("keytasks", keytask_parts))
