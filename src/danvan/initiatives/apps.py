from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "danvan.initiatives"
    verbose_name = _("Mô hình, điển hình")
