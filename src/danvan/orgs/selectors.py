"""Reads of the unit tree."""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from danvan.core.actors import Visitor
from danvan.core.text import collation_key, fold
from danvan.orgs.access import ALL_ROLES, is_root, roles_of, scope_paths
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


def unit_children(unit: Unit, *, active_only: bool = True, q: str = "") -> QuerySet[Unit]:
    """The units directly under `unit`, by name; those whose name holds every word of `q`, typed with
    or without diacritics, when given (a province has some 150 communes)."""
    children = Unit.objects.filter(parent=unit).select_related("kind")
    if active_only:
        children = children.filter(valid_to__isnull=True)
    for word in fold(q).split():
        children = children.filter(name_folded__contains=word)
    return children.order_by("name")


def picker_units(user: Visitor, roles: Iterable[str] = (Role.OFFICER, Role.ADMIN)) -> QuerySet[Unit]:
    """A unit picker's choices: today's units where the user holds one of `roles` and those under them
    (officer or admin: where they may register an initiative; other roles for other forms)."""
    units = Unit.objects.filter(valid_to__isnull=True)
    if not is_root(user):
        wanted = set(roles)
        paths = [m.unit.path for m in roles_of(user) if m.role in wanted]
        units = units.filter(paths_q(paths, "path"))
    return units.select_related("parent").order_by("path")


def role_units(user: Visitor, roles: Iterable[str]) -> QuerySet[Unit]:
    """The units themselves where the user holds one of `roles` (not those under them), in tree order;
    for a superuser the centre and the provinces. What a form offers as the unit that sets or asks."""
    if is_root(user):
        return Unit.objects.filter(depth__lte=2).order_by("path")
    wanted = set(roles)
    return Unit.objects.filter(pk__in=[m.unit_id for m in roles_of(user) if m.role in wanted]).order_by("path")


def filter_scope(user: Visitor) -> QuerySet[Unit]:
    """Units a list filter accepts: today's units of the user's whole scope, any role (the drop-down
    lists `filter_units`, the type-ahead finds the rest)."""
    return picker_units(user, ALL_ROLES)


def scope_and_above(user: Visitor) -> QuerySet[Unit]:
    """Today's units of the user's scope and the units above it: a filter of what they may read, such as
    the decisions of the province that commend their village."""
    if is_root(user):
        return picker_units(user, ALL_ROLES)
    above = {path for m in roles_of(user) for path in m.unit.ancestor_paths()}
    return (
        Unit.objects.filter(valid_to__isnull=True)
        .filter(paths_q(scope_paths(user), "path") | Q(path__in=sorted(above)))
        .select_related("parent")
        .order_by("path")
    )


def filter_units(user: Visitor, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Unit]:
    """Units offered in the list filter (or listed in a picker's drop-down): each root of the user's
    scope for `roles` and the units right under it (an indexed path range and a depth, never a join on
    the parent)."""
    units = Unit.objects.filter(valid_to__isnull=True)
    if is_root(user):
        return units.filter(depth__lte=2).select_related("parent").order_by("path")
    wanted = set(roles)
    roots = {m.unit.path: m.unit.depth for m in roles_of(user) if m.role in wanted}
    q = Q(pk__in=[])
    for path in scope_paths(user, wanted):
        q |= Q(**subtree_lookup("path", path), depth__lte=roots[path] + 1)
    return units.filter(q).select_related("parent").order_by("path")


PICKER_LIMIT = 20


def unit_sort_key(unit: Unit) -> tuple[object, ...]:
    """The one order of units in a picker or a drop-down: higher levels first, then by the name of
    the unit above and the unit's own name, in Vietnamese dictionary order (`core.text.collation_key`)."""
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    return (unit.depth, collation_key(parent), collation_key(unit.name), unit.code)


def sorted_units(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=unit_sort_key)


def unit_search(
    *, user: Visitor, q: str, roles: Iterable[str] = ALL_ROLES, above: bool = False, limit: int = PICKER_LIMIT
) -> tuple[list[Unit], bool]:
    """Today's units of the user's scope for `roles` whose name holds every word typed, with or without
    diacritics ("phu tho" finds "Tỉnh Phú Thọ"; "d" finds "đ"), best first: names that start with what
    was typed (after the kind word), then higher levels, in Vietnamese order. Returns the units and
    whether more matched than `limit`. `above`: the units above the scope too (`scope_and_above`, any
    role). Two queries at most (the memberships, once per request, and
    the units)."""
    if not fold(q).split():
        return [], False
    units = scope_and_above(user) if above else picker_units(user, tuple(roles))
    return units_named(units, q, limit=limit)


def units_named(units: QuerySet[Unit], q: str, *, limit: int = PICKER_LIMIT) -> tuple[list[Unit], bool]:
    """The units of `units` whose name holds every word of `q` (folded: with or without diacritics), best
    first (`unit_search`), at most `limit`, and whether more matched. One query."""
    words = fold(q).split()
    if not words:
        return [], False
    for word in words:
        units = units.filter(name_folded__contains=word)
    found = list(units.select_related("parent")[: limit * 5 + 1])
    typed = " ".join(words)

    def rank(unit: Unit) -> tuple[object, ...]:
        name = unit.name_folded
        starts = name.startswith(typed) or name.partition(" ")[2].startswith(typed)
        return (not starts, *unit_sort_key(unit))

    found.sort(key=rank)
    return found[:limit], len(found) > limit
