from django.db.models import QuerySet

from danvan.core.actors import Actor
from danvan.notifications.models import Notification


def notifications_of(user: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).only(
        "pk", "message", "text", "values", "created_at", "read_at", "initiative_id", "reason"
    )


def unread_count(user: Actor) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
