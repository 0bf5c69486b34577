from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "danvan.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from danvan.api.services import revoke_on_password_or_lock

        pre_save.connect(revoke_on_password_or_lock, sender=settings.AUTH_USER_MODEL, dispatch_uid="api-token-revoke")
