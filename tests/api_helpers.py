"""A test client speaking to /api/v1/ with a user's bearer token."""

import json
from typing import Any

from django.test import Client

from danvan.api.services import api_token_create


class ApiClient:
    def __init__(self, user: Any | None, token: str | None = None) -> None:
        self.client = Client()
        self.token = token if token is not None else (api_token_create(user=user)[1] if user else "")

    def _headers(self) -> dict[str, str]:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get("/api/v1" + path, params, **self._headers())

    def post(self, path: str, body: Any) -> Any:
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        return self.client.post("/api/v1" + path, data, content_type="application/json", **self._headers())
