from typing import Any

from django.db.models import QuerySet

from danvan.notifications.models import Notification


def notifications_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).only(
        "pk", "message", "created_at", "read_at", "initiative_id", "reason"
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
