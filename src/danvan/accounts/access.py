"""The one way to fetch a user by an id a request supplied: only a user the admin may manage."""

from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.accounts.selectors import users_administered_by
from danvan.core.access import get_visible_or_404
from danvan.core.actors import Actor


def access_administered_user(*, admin: Actor, user_id: int | str) -> User:
    """A user holding a role in the admin's subtrees; any other id is 404."""
    return get_visible_or_404(
        users_administered_by(admin), user_id, not_found=_("Không có người dùng này trong phạm vi bạn quản trị.")
    )
