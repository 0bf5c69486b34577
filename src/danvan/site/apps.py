from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of the house: home page, menu, demo data, backup and restore. Nothing imports it."""

    name = "danvan.site"
    label = "site"
    verbose_name = _("Trang web")
