"""The only way to fetch a unit by a code a user supplied, and the one place that says who may act where.

A role held in a unit applies to that unit's whole subtree. Every other app's `access.py`
builds on `roles_of`, `has_role` and `scope_q` from here.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.core.actors import Visitor
from danvan.orgs.models import LEVEL_ORDER, Level, Membership, Role, Unit, minimal_paths, subtree_lookup

ALL_ROLES = frozenset(Role)


def is_root(user: Visitor) -> bool:
    """The one rule for "may do anything": an active superuser (those who run the installation, and the
    system user machine work acts as). Every gate asks this, never `is_superuser` itself."""
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


def roles_of(user: Visitor) -> list[Membership]:
    """The user's memberships with their units, read once per request object."""
    if isinstance(user, AnonymousUser):
        return []
    cached = getattr(user, "_danvan_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("unit"))
        user._danvan_memberships = cached  # type: ignore[attr-defined]
    return cached


def forget_roles(user: Visitor) -> None:
    if hasattr(user, "_danvan_memberships"):
        del user._danvan_memberships


def scope_paths(user: Visitor, roles: Iterable[str] = ALL_ROLES) -> list[str]:
    """The smallest set of subtree paths where the user holds one of `roles`."""
    wanted = set(roles)
    return minimal_paths(m.unit.path for m in roles_of(user) if m.role in wanted)


def has_role(user: Visitor, unit: Unit, roles: Iterable[str] = ALL_ROLES) -> bool:
    """True when the user holds one of `roles` in `unit` or in a unit above it."""
    if is_root(user):
        return True
    return any(unit.path.startswith(path) for path in scope_paths(user, roles))


def level_rank(level: str) -> int:
    """The place of a level in LEVEL_ORDER (commune 0 … central 3); -1 for no level."""
    return LEVEL_ORDER.index(Level(level)) if level in Level.values else -1


def acting_level(user: Visitor, unit: Unit, roles: Iterable[str]) -> str:
    """The highest level at which the user holds one of `roles` over `unit` ("" when none).

    A role held in a unit acts at that unit's level: an approver of a commune acts at the
    commune level even on a village below it. Superusers act at every level."""
    if is_root(user):
        return Level.CENTRAL
    wanted = set(roles)
    held = [m.unit.level for m in roles_of(user) if m.role in wanted and unit.path.startswith(m.unit.path)]
    return max(held, key=level_rank, default="")


def scope_q(user: Visitor, field: str = "unit__path", roles: Iterable[str] = ALL_ROLES) -> Q:
    """A filter for rows whose unit lies in the user's scope (no rows when they have none).

    Everything for a superuser: written as "not in the empty set", never `Q()`, which an OR drops
    (`~Q(status=DRAFT) | Q()` is `~Q(status=DRAFT)`, and superusers lost sight of drafts)."""
    if is_root(user):
        return ~Q(pk__in=[])
    q = Q(pk__in=[])
    for path in scope_paths(user, roles):
        q |= Q(**subtree_lookup(field, path))
    return q


def access_unit(*, user: Visitor, code: str, roles: Iterable[str] | None = None) -> Unit:
    """Fetch a unit by code. The tree is public; acting in a unit needs one of `roles` above it.

    Raises Http404 for an unknown code and PermissionDenied outside the user's scope.
    """
    unit = Unit.objects.select_related("kind", "parent", "successor").filter(code=str(code).strip()).first()
    if unit is None:
        raise Http404(_("Không có đơn vị mã “%(code)s”. Hãy kiểm tra lại mã đơn vị.") % {"code": code})
    if roles is not None and not has_role(user, unit, roles):
        raise PermissionDenied(_("Bạn không có quyền với đơn vị “%(name)s”.") % {"name": unit.name})
    return unit


def require_role(user: Visitor, unit: Unit, roles: Iterable[str], message: str | None = None) -> None:
    if not has_role(user, unit, roles):
        raise PermissionDenied(
            message or _("Bạn không có quyền thực hiện việc này tại “%(name)s”.") % {"name": unit.name}
        )
