"""Writes of the API app: issuing, listing and revoking tokens.

A token works until it expires (`API_TOKEN_DAYS`, default 90) or is revoked; every token of a user
is revoked when their password changes or their account is locked (`revoke_on_password_or_lock`).
"""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts import twofactor
from danvan.accounts.services import administers_user
from danvan.accounts.tokens import token_hash
from danvan.api.models import ApiToken
from danvan.core.actors import Actor
from danvan.orgs.access import is_root

TOKEN_PREFIX = "dvk_"  # noqa: S105 - a visible prefix, not a secret


def may_manage_tokens(by: Actor | None, user: Actor) -> bool:
    """The user themself, a superuser, or an admin whose subtrees hold every role of the user."""
    if by is None or getattr(by, "pk", None) == user.pk:
        return True
    return is_root(by) or administers_user(by, user)


def second_factor_passed(user: Actor, otp: str | None) -> bool:
    """A user with a second factor gets a token only with a valid code of it (or a session that passed it)."""
    device = twofactor.confirmed_device(user)
    return device is None or (otp is not None and device.verify_token(otp.strip()))


@transaction.atomic
def api_token_create(
    *, user: Actor, name: str = "", otp: str | None = None, verified: bool = False
) -> tuple[ApiToken, str]:
    """Issue a new token for `user`; returns the row and the token, which is never stored.

    When the user has turned on the second factor, `otp` must be a valid code of it, or `verified`
    say that the web session already passed it."""
    if not verified and not second_factor_passed(user, otp):
        raise ValidationError(
            {"otp": [_("Tài khoản này bật xác thực hai bước: hãy nhập mã 6 chữ số trên ứng dụng xác thực.")]}
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        key_hash=token_hash(token),
        prefix=token[:8],
        name=name[:100],
        expires_at=timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return row, token


def api_tokens_of(user: Actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


@transaction.atomic
def api_tokens_revoke(*, by: Actor | None, user: Actor, token_id: int | None = None) -> int:
    """Revoke every live token of `user` (or only `token_id`); returns how many. `by` None: the system."""
    if not may_manage_tokens(by, user):
        raise PermissionDenied(_("Bạn chỉ thu hồi được mã truy cập của mình hoặc của người dùng mình quản trị."))
    rows = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        rows = rows.filter(pk=token_id)
    return rows.update(revoked_at=timezone.now())


def revoke_on_password_or_lock(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """pre_save of the user: a new password or a locked account ends every token of the user,
    whichever path changed it (the password page, the admin, `changepassword`, an admin locking)."""
    if instance.pk is None or (update_fields is not None and not {"password", "is_active"} & set(update_fields)):
        return
    before = type(instance).objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        ApiToken.objects.filter(user_id=instance.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
