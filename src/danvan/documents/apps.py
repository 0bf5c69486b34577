from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    verbose_name = _("Thể thức văn bản")
