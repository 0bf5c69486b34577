"""`Authorization: Bearer <token>`: the token's user, with their roles and scope, nothing more."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from danvan.api.models import ApiToken, token_hash

MAX_TOKEN_LENGTH = 200


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        request.user = row.user
        request.api_token = row  # type: ignore[attr-defined]  # counted by the rate limit
        return row.user
