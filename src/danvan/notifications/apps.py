from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"

    def ready(self) -> None:
        from danvan.initiatives.changes import Follower, follow
        from danvan.notifications.services import deferred_notifications, on_initiative_changed

        follow(Follower("notifications", on_initiative_changed, deferred_notifications))
