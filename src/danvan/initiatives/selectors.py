"""Reads of initiatives."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from danvan.core.text import fold
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative
from danvan.orgs.access import access_unit
from danvan.orgs.models import Role
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors


@dataclass
class InitiativeQuery:
    """The filters of the API, the exports and the list: every one optional."""

    unit: str = ""
    year_from: int | None = None
    year_to: int | None = None
    status: str = ""
    field: str = ""
    kind: str = ""
    q: str = ""


def initiatives_filtered(*, user: Any, query: InitiativeQuery) -> QuerySet[Initiative]:
    """The user's visible initiatives, filtered. `unit` takes its subtree and what its dissolved
    predecessors held; a unit outside the user's scope is refused (PermissionDenied), an unknown
    one is Http404."""
    rows = initiatives_visible_to(user).select_related("unit")
    if query.unit:
        unit = access_unit(user=user, code=query.unit, roles=list(Role))
        rows = rows.filter(paths_q(scope_paths_with_predecessors(unit)))
    if query.year_from is not None:
        rows = rows.filter(year__gte=query.year_from)
    if query.year_to is not None:
        rows = rows.filter(year__lte=query.year_to)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.field:
        rows = rows.filter(field_id=query.field)
    if query.kind:
        rows = rows.filter(kind=query.kind)
    for word in fold(query.q).split()[:8]:
        rows = rows.filter(search_text__contains=word)
    return rows.order_by("-year", "-pk")
