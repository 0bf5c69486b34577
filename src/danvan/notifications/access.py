from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from danvan.notifications.models import Notification


def access_notification(*, user: Any, notification_id: int | str) -> Notification:
    """A notification belongs to one person: anyone else gets 404."""
    notification = Notification.objects.filter(pk=int(notification_id), user_id=user.pk).first()
    if notification is None:
        raise Http404(_("Không tìm thấy thông báo này."))
    return notification
