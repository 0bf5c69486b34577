"""Reads of initiatives: the scoped list with its filters, similar titles, the timeline, the actions."""

import difflib
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core.actors import Actor, Visitor
from danvan.core.text import fold
from danvan.initiatives.access import initiatives_visible_to, may_fire
from danvan.initiatives.events import reader_note
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.workflow import OWNER_ROLES, TRANSITIONS, Transition, transitions_from
from danvan.orgs.access import scope_q
from danvan.orgs.models import Level, Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors

SIMILARITY = 0.85

EVENT_LABELS: dict[str, str | Promise] = {
    "create": _("Tạo bản nháp"),
    "edit": _("Sửa thông tin"),
    "attach": _("Thêm tệp đính kèm"),
    "detach": _("Gỡ tệp đính kèm"),
    "historical_entry": _("Nhập số liệu lịch sử"),
    "score": _("Chấm điểm"),
    **{t.action: t.label for t in TRANSITIONS.values()},
}


@dataclass
class InitiativeFilters:
    status: str = ""
    field: str = ""
    kind: str = ""
    year: int | None = None
    unit: Unit | None = None
    q: str = ""
    year_from: int | None = None
    year_to: int | None = None


def initiative_list(*, user: Visitor, filters: InitiativeFilters) -> QuerySet[Initiative]:
    """The initiatives the user may see, filtered; the unit filter takes the subtree and what its
    dissolved predecessors held."""
    rows = initiatives_visible_to(user).select_related("unit", "unit__parent", "field")
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.field:
        rows = rows.filter(field_id=filters.field)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.year_from is not None:
        rows = rows.filter(year__gte=filters.year_from)
    if filters.year_to is not None:
        rows = rows.filter(year__lte=filters.year_to)
    if filters.unit is not None:
        rows = rows.filter(paths_q(scope_paths_with_predecessors(filters.unit)))
    for word in fold(filters.q).split()[:8]:
        rows = rows.filter(search_text__contains=word)
    return rows.only(
        "pk",
        "title",
        "kind",
        "status",
        "year",
        "review_level",
        "recognized_level",
        "exemplary",
        "person_name",
        "unit__name",
        "unit__code",
        "unit__depth",
        "unit__parent",
        "unit__parent__name",
        "field__name",
    ).order_by("-year", "-pk")


def similar_initiatives(*, title: str, unit: Unit, year: int, exclude_pk: int | None = None) -> list[Initiative]:
    """Initiatives of the same unit and year whose folded title is the same or very close."""
    key = fold(title)
    if not key:
        return []
    candidates = Initiative.objects.filter(unit=unit, year=year).only("pk", "title", "status")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = []
    for other in candidates[:500]:
        other_key = fold(other.title)
        if other_key == key or difflib.SequenceMatcher(None, key, other_key).ratio() >= SIMILARITY:
            found.append(other)
    return found


def initiative_timeline(initiative: Initiative) -> list[InitiativeEvent]:
    events = list(initiative.events.select_related("by").order_by("at", "pk"))
    for event in events:
        event.label = EVENT_LABELS.get(event.action, event.action)  # type: ignore[attr-defined]
        event.level_label = Level(event.level).label if event.level in Level.values else ""  # type: ignore[attr-defined]
        event.note = reader_note(event.action, event.note)
    return events


def available_transitions(user: Visitor, initiative: Initiative) -> list[Transition]:
    """The buttons to show: transitions from the current state that this user may fire now."""
    return [
        t
        for t in transitions_from(initiative.status)
        if t.available(initiative) and may_fire(user, initiative, t) and not t.unmet(initiative)
    ]


OWNER_WORK = (Status.RETURNED, Status.DRAFT, Status.REGISTERED)
"""What waits for the registering side, most urgent first: returned for additions, drafts, and
registered ones not yet sent."""


def owner_work(user: Actor) -> QuerySet[Initiative]:
    """The initiatives waiting for the user as the registering side (officers, admins of their units,
    and what they made themselves), returned first, then the most recently touched."""
    urgency = Case(*(When(status=s, then=Value(i)) for i, s in enumerate(OWNER_WORK)), output_field=IntegerField())
    owner_side = scope_q(user, "unit__path", roles=OWNER_ROLES) | Q(created_by=user)
    return (
        Initiative.objects.filter(owner_side, status__in=OWNER_WORK)
        .select_related("unit")
        .only("pk", "title", "status", "year", "updated_at", "unit__name")
        .annotate(urgency=urgency)
        .order_by("urgency", "-updated_at", "-pk")
    )


def owner_work_counts(user: Actor) -> dict[str, int]:
    """How many of `owner_work` are in each of its states (one query)."""
    counts: dict[str, int] = dict.fromkeys(OWNER_WORK, 0)
    for row in owner_work(user).order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
