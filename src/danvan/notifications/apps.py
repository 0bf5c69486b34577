from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"

    def ready(self) -> None:
        from danvan.initiatives.models import Initiative
        from danvan.initiatives.signals import initiative_changed
        from danvan.notifications.services import on_initiative_changed

        initiative_changed.connect(on_initiative_changed, sender=Initiative, dispatch_uid="notifications-initiative")
