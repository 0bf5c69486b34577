"""Append-only audit rows: one per transition or change of an initiative."""

from django.utils.translation import gettext_noop

from danvan.core.actors import Actor
from danvan.initiatives.models import Initiative, InitiativeEvent

# The notes the system itself writes, by event action: stored in the site's language (the audit row
# reads the same whoever made it) and shown in the reader's (`selectors.initiative_timeline`).
SYSTEM_NOTES = {
    "historical_entry": gettext_noop("Nhập trực tiếp số liệu lịch sử ở trạng thái cuối."),
}


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
