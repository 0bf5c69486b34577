from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "danvan.measures"
    verbose_name = "Kết quả định lượng"
