"""Reads of the unit tree."""

import datetime

from django.db.models import Q, QuerySet

from danvan.core.actors import Visitor
from danvan.core.text import fold
from danvan.orgs.access import is_root, roles_of, scope_paths
from danvan.orgs.models import Role, Unit, minimal_paths, subtree_lookup


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


def picker_units(user: Visitor, roles: tuple[str, ...] = (Role.OFFICER, Role.ADMIN)) -> QuerySet[Unit]:
    """A unit picker's choices: today's units where the user holds one of `roles` and those under them
    (officer or admin: where they may register an initiative; other roles for other forms)."""
    units = Unit.objects.filter(valid_to__isnull=True)
    if not is_root(user):
        paths = [m.unit.path for m in roles_of(user) if m.role in roles]
        units = units.filter(paths_q(paths, "path"))
    return units.select_related("parent").order_by("path")


def filter_units(user: Visitor) -> QuerySet[Unit]:
    """Units offered in the list filter: each root of the user's scope and the units right under it
    (an indexed path range and a depth, never a join on the parent)."""
    units = Unit.objects.filter(valid_to__isnull=True)
    if is_root(user):
        return units.filter(depth__lte=2).select_related("parent").order_by("path")
    roots = {m.unit.path: m.unit.depth for m in roles_of(user)}
    q = Q(pk__in=[])
    for path in scope_paths(user):
        q |= Q(**subtree_lookup("path", path), depth__lte=roots[path] + 1)
    return units.filter(q).select_related("parent").order_by("path")
