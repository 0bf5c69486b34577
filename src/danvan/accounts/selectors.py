from django.db.models import Prefetch, QuerySet

from danvan.accounts.models import User
from danvan.core.actors import Actor
from danvan.orgs.access import scope_q
from danvan.orgs.models import Membership, Role, Unit, subtree_lookup


def users_administered_by(admin: Actor, *, unit: Unit | None = None) -> QuerySet[User]:
    """Users holding a role somewhere in the subtrees `admin` administers (optionally under `unit`)."""
    memberships = Membership.objects.filter(scope_q(admin, roles=[Role.ADMIN]))
    if unit is not None:
        memberships = memberships.filter(**subtree_lookup("unit__path", unit.path))
    return (
        User.objects.filter(pk__in=memberships.values("user_id"))
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("unit")))
        .order_by("username")
    )
