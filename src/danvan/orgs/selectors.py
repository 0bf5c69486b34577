"""Reads of the unit tree."""

import datetime

from django.db.models import Q, QuerySet

from danvan.core.text import fold
from danvan.orgs.models import Unit, minimal_paths, subtree_lookup


def unit_list(
    *, q: str = "", kind: str = "", parent: Unit | None = None, active_on: datetime.date | None = None
) -> QuerySet[Unit]:
    units = Unit.objects.select_related("parent", "successor")
    if q:
        for word in fold(q).split():
            units = units.filter(name_folded__contains=word)
    if kind:
        units = units.filter(kind_id=kind)
    if parent is not None:
        units = units.filter(parent=parent)
    if active_on is not None:
        units = units.active_on(active_on)
    return units.order_by("path")


def scope_paths_with_predecessors(unit: Unit) -> list[str]:
    """Paths whose records count for `unit`: its subtree, and the subtrees of dissolved units
    whose successor lies in it (transitively). A district dissolved on 1 July 2025 counts in
    the province that took it over.
    """
    paths = [unit.path]
    while True:
        q = Q()
        for path in paths:
            q |= Q(**subtree_lookup("successor__path", path))
        # successor IS NOT NULL lets the database start from the few dissolved units (an index
        # scan) instead of reading the whole tree to join it.
        found = Unit.objects.filter(q, successor__isnull=False).values_list("path", flat=True)
        widened = minimal_paths([*paths, *found])
        if widened == minimal_paths(paths):
            return paths
        paths = widened


def paths_q(paths: list[str], field: str = "unit__path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**subtree_lookup(field, path))
    return q


def unit_children(unit: Unit, *, active_only: bool = True) -> QuerySet[Unit]:
    children = Unit.objects.filter(parent=unit).select_related("kind")
    if active_only:
        children = children.filter(valid_to__isnull=True)
    return children.order_by("name")
