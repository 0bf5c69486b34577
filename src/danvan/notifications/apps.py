from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from danvan.initiatives.changes import Follower, follow
        from danvan.notifications.services import deferred_notifications, on_initiative_changed

        follow(Follower("notifications", on_initiative_changed, deferred_notifications))
