"""`Authorization: Bearer <token>`: the one token check, used by the API and by the report download.

The token acts with its user's roles and scope, nothing more. The rows are the API's (`ApiToken`,
reached here through the user's `api_tokens`); only a hash of each token is stored.
"""

import hashlib
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone

from danvan.accounts.models import User

MAX_TOKEN_LENGTH = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def recent_sign_in_failures() -> Subquery:
    """Failed sign-ins of the outer row's account within django-axes' cool-off, whatever the address."""
    attempts = AccessAttempt.objects.filter(username=OuterRef("username"))
    cool_off = get_cool_off()
    if cool_off is not None:  # none: locked until an admin resets it
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    failures = attempts.values("username").annotate(total=Sum("failures_since_start")).values("total")
    return Subquery(failures)


def token_user(request: HttpRequest, token: str) -> User | None:
    """The active user of a live (not revoked, not expired) token, set on the request; None for anything else.

    While repeated failed sign-ins keep the account locked out (django-axes, counted per account), its
    tokens do not work either: a token is refused for as long as the password would be. One query."""
    token = token.strip()
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    key = token_hash(token)
    user = (
        User.objects.filter(
            is_active=True,
            api_tokens__key_hash=key,
            api_tokens__revoked_at__isnull=True,
            api_tokens__expires_at__gt=timezone.now(),  # one token row: all three hold for it
        )
        .annotate(failures=Coalesce(recent_sign_in_failures(), 0))
        .filter(failures__lt=settings.AXES_FAILURE_LIMIT)
        .first()
    )
    if user is None:
        return None
    request.user = user
    request.api_token_hash = key  # type: ignore[attr-defined]  # counted by the API's rate limit
    return user


def bearer_user(request: HttpRequest) -> Any:
    """The session's user, or the user of an `Authorization: Bearer` token (a page the API links to,
    such as a report's download, is served to the same token); None when neither."""
    if request.user.is_authenticated:
        return request.user
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return token_user(request, header[7:])
    return None
