"""Append-only audit rows of the accounts: one function per kind of event."""

from danvan.accounts.models import AccountEvent, User


def account_locked_event(*, user: User, by: User) -> AccountEvent:
    return AccountEvent.objects.create(action=AccountEvent.Action.LOCK, by=by, user=user)


def account_unlocked_event(*, user: User, by: User) -> AccountEvent:
    return AccountEvent.objects.create(action=AccountEvent.Action.UNLOCK, by=by, user=user)
