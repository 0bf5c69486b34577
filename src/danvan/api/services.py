"""Writes of the API app: issuing tokens."""

import secrets
from typing import Any

from django.db import transaction

from danvan.accounts.tokens import token_hash
from danvan.api.models import ApiToken

TOKEN_PREFIX = "dvk_"  # noqa: S105 - a visible prefix, not a secret


@transaction.atomic
def api_token_create(*, user: Any, name: str = "") -> tuple[ApiToken, str]:
    """Issue a new token for `user`; returns the row and the token, which is never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, key_hash=token_hash(token), prefix=token[:8], name=name[:100])
    return row, token
