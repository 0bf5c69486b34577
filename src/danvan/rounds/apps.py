from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "danvan.rounds"
    verbose_name = "Đợt báo cáo"
