"""Append-only audit rows of the roles: one function per kind of event."""

from typing import Any

from danvan.core.actors import Actor
from danvan.orgs.models import Membership, MembershipEvent


def _by(by: Actor) -> Any:
    return by if getattr(by, "pk", None) else None


def membership_granted_event(*, membership: Membership, by: Actor) -> MembershipEvent:
    return MembershipEvent.objects.create(
        action=MembershipEvent.Action.GRANT,
        by=_by(by),
        user=membership.user,
        unit=membership.unit,
        role=membership.role,
    )


def membership_revoked_event(*, membership: Membership, by: Actor) -> MembershipEvent:
    return MembershipEvent.objects.create(
        action=MembershipEvent.Action.REVOKE,
        by=_by(by),
        user=membership.user,
        unit=membership.unit,
        role=membership.role,
    )
