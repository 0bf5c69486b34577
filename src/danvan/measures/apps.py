from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "danvan.measures"
    verbose_name = _("Kết quả định lượng")
