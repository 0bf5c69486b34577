"""Accounts: creating users with roles, within the creator's administered subtree."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.events import account_locked_event, account_unlocked_event
from danvan.accounts.models import SYSTEM_USERNAME, User
from danvan.core.actors import Actor
from danvan.core.text import nfc
from danvan.orgs.access import has_role, is_root
from danvan.orgs.models import Membership, Role, Unit


def system_user() -> User:
    """The user machine work acts as (the command-line import without --as): a real row, so its
    events and records name who made them. A superuser with no usable password: nobody signs in as it.
    Made on first use."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"full_name": "Hệ thống", "is_superuser": True, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def language_choose(*, user: User, language: str) -> None:
    """The language a person chose with the header's switch, kept with the account: their pages on
    another device before they choose there, and the e-mails they are sent (`notifications.notify`)."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@dataclass(frozen=True)
class RoleGrant:
    unit: Unit
    role: str


@transaction.atomic
def user_create(
    *,
    by: Actor,
    username: str,
    full_name: str,
    password: str,
    roles: list[RoleGrant],
    position: str = "",
    email: str = "",
) -> User:
    """Create a user holding `roles`. Every role must lie in a subtree `by` administers."""
    if not roles:
        raise ValidationError({"roles": [_("Hãy giao cho người dùng ít nhất một vai trò tại một đơn vị.")]})
    for grant in roles:
        if grant.role not in Role.values:
            raise ValidationError({"roles": [_("Vai trò “%(role)s” không hợp lệ.") % {"role": grant.role}]})
        if not has_role(by, grant.unit, [Role.ADMIN]):
            raise PermissionDenied(
                _("Bạn chỉ được tạo người dùng trong phạm vi đơn vị mình quản trị; “%(unit)s” nằm ngoài phạm vi đó.")
                % {"unit": grant.unit.name}
            )
    username = (username or "").strip()
    errors: dict[str, list[str]] = {}
    if not username:
        errors["username"] = [_("Hãy nhập tên đăng nhập.")]
    else:
        try:
            User.username_validator(username)
        except ValidationError as exc:
            errors["username"] = list(exc.messages)
    if not errors and User.objects.filter(username__iexact=username).exists():
        errors["username"] = [
            _("Tên đăng nhập “%(username)s” đã có người dùng. Hãy chọn tên khác.") % {"username": username}
        ]
    user = User(username=username, full_name=nfc(full_name), position=nfc(position), email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    Membership.objects.bulk_create(
        [Membership(user=user, unit=g.unit, role=g.role) for g in {(g.unit.pk, g.role): g for g in roles}.values()]
    )
    return user


def administers_user(admin: Actor, user: User) -> bool:
    """An admin manages a user only when every role the user holds lies in the admin's subtrees."""
    memberships = list(user.memberships.select_related("unit"))
    return bool(memberships) and all(has_role(admin, m.unit, [Role.ADMIN]) for m in memberships)


@transaction.atomic
def user_set_active(*, by: Actor, user: User, active: bool) -> User:
    if user.pk == getattr(by, "pk", None):
        raise ValidationError({"is_active": [_("Bạn không thể tự khóa tài khoản của chính mình.")]})
    if not (is_root(by) or administers_user(by, user)):
        raise PermissionDenied(_("Người dùng này có vai trò ngoài phạm vi bạn quản trị."))
    changed = user.is_active != active
    user.is_active = active
    user.save(update_fields=["is_active"])
    if changed and active:
        account_unlocked_event(user=user, by=by)
    elif changed:
        account_locked_event(user=user, by=by)
    return user
