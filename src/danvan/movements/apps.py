from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "danvan.movements"
    verbose_name = _("Phong trào, chương trình, tiêu chí")
