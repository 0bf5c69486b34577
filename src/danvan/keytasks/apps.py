from django.apps import AppConfig


class KeytasksConfig(AppConfig):
    name = "danvan.keytasks"
    verbose_name = "Nhiệm vụ trọng tâm"

    def ready(self) -> None:
        from danvan.keytasks.report_parts import keytask_parts
        from danvan.reports.parts import Contributor, contribute

        contribute(Contributor("keytasks", keytask_parts))
