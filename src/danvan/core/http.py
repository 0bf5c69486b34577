from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from danvan.core.actors import Actor


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (every request does)."""

    htmx: HtmxDetails


class SignedInRequest(HtmxHttpRequest):
    """A request that `login_required` let through: its user is a person, never anonymous."""

    user: Actor
