"""Who acts and who asks: the two types every gate, selector and service takes for a person.

`core` sits below `accounts`, so it cannot name `accounts.User`; django-stubs' mypy plugin reads
`_User` as the installation's user model (AUTH_USER_MODEL), which is `accounts.User`. The aliases
are lazy (`type`), so nothing here is imported at run time.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import _AnyUser, _User

type Actor = _User
"""A signed-in person, or the system user that machine work acts as: whom a write is recorded against."""

type Visitor = _AnyUser
"""Whoever asks, signed in or not: what a gate, or a read the public may make, takes."""
