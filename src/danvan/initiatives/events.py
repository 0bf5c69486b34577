"""Append-only audit rows: one per transition or change of an initiative."""

from danvan.core.actors import Actor
from danvan.initiatives.models import Initiative, InitiativeEvent


def initiative_event(
    *, initiative: Initiative, action: str, by: Actor, from_status: str, to_status: str, note: str = "", level: str = ""
) -> InitiativeEvent:
    return InitiativeEvent.objects.create(
        initiative=initiative,
        action=action,
        by=by if getattr(by, "pk", None) else None,
        from_status=from_status,
        to_status=to_status,
        level=level or initiative.review_level,
        note=note,
    )
