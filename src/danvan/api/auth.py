"""`Authorization: Bearer <token>`: the token's user, with their roles and scope, nothing more."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from danvan.accounts.tokens import token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return token_user(request, token)
