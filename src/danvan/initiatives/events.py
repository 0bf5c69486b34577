"""Append-only audit rows: one per transition or change of an initiative."""

import re

from django.utils.translation import gettext, gettext_noop

from danvan.core.actors import Actor
from danvan.initiatives.models import Initiative, InitiativeEvent

# The notes the system itself writes, by event action: stored in the site's language (the audit row
# reads the same whoever acted; bench/generator.py writes them alike) and said again in the reader's
# (`reader_note`, from `selectors.initiative_timeline`). What a person adds follows, as written.
SYSTEM_NOTES = {
    "historical_entry": gettext_noop("Nhập trực tiếp số liệu lịch sử ở trạng thái cuối."),
    "score": gettext_noop("Tổng điểm %(total)s/%(max)s."),  # then the reviewer's comment
}
_VALUE = re.compile(r"%\((\w+)\)s")


def system_note(action: str, **values: str) -> str:
    """The system's note for `action` as stored: in the site's language, the msgid itself."""
    return SYSTEM_NOTES[action] % values


def reader_note(action: str, note: str) -> str:
    """A stored note in the active language: the start the system wrote (`system_note`) said again,
    what follows it kept as written; a note of another form (typed by a person) as stored."""
    msgid = SYSTEM_NOTES.get(action)
    if msgid is None:
        return note
    pieces = _VALUE.split(msgid)  # literal, name, literal, name, ..., literal
    pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
    found = re.match(pattern, note)
    if found is None:
        return note
    return gettext(msgid) % found.groupdict() + note[found.end() :]


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
