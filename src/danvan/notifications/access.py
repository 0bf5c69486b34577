from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Actor
from danvan.notifications.models import Notification


def access_notification(*, user: Actor, notification_id: int | str) -> Notification:
    """A notification belongs to one person: anyone else gets 404."""
    mine = Notification.objects.filter(user_id=user.pk)
    return get_visible_or_404(mine, notification_id, not_found=_("Không tìm thấy thông báo này."))
