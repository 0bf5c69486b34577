"""Browser tests that start signed in: the session of a test client's `force_login`, as a cookie."""

from typing import Any

from django.conf import settings


def session_cookie(live_server: Any, client: Any) -> dict[str, str]:
    """The cookie to hand the browser (`context.add_cookies([...])`) for `client`'s signed-in session."""
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
