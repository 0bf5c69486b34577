"""Errors every app may raise."""

from django.core.exceptions import ValidationError


class Conflict(ValidationError):
    """Input that clashes with what is already recorded or with an object's state (HTTP 409 in the API).

    A ValidationError, so forms and views that show validation messages show this one the same way.
    """
