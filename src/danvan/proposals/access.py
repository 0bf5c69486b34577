"""Who sees and who acts on proposals and councils; the only way to fetch one by a user-supplied id."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.orgs.access import has_role, is_root, roles_of, scope_paths, scope_q
from danvan.orgs.models import Role, Unit
from danvan.orgs.selectors import picker_units, role_units, scope_and_above
from danvan.proposals.models import Council, DossierFile, Proposal

PROPOSERS = (Role.OFFICER, Role.APPROVER, Role.ADMIN)
DECIDERS = (Role.APPROVER, Role.ADMIN)


def proposals_visible_to(user: Visitor) -> QuerySet[Proposal]:
    """Proposals sent from or to a unit of the user's scope."""
    if not getattr(user, "is_authenticated", False):
        return Proposal.objects.none()
    return Proposal.objects.filter(scope_q(user, "unit__path") | scope_q(user, "to_unit__path"))


def councils_visible_to(user: Visitor) -> QuerySet[Council]:
    if not getattr(user, "is_authenticated", False):
        return Council.objects.none()
    return Council.objects.filter(scope_q(user, "unit__path"))


def access_proposal(*, user: Visitor, proposal_id: int | str) -> Proposal:
    """A proposal the user may see, or 404 (one outside the scope does not exist for them)."""
    visible = proposals_visible_to(user).select_related(
        "unit", "unit__parent", "to_unit", "award_form", "rule", "council", "decision"
    )
    return get_visible_or_404(visible, proposal_id, not_found=_("Không tìm thấy đề nghị khen thưởng này."))


def access_council(*, user: Visitor, council_id: int | str) -> Council:
    visible = councils_visible_to(user).select_related("unit")
    return get_visible_or_404(visible, council_id, not_found=_("Không tìm thấy hội đồng này."))


def may_propose(user: Visitor, unit: Unit) -> bool:
    """Officers, approvers and admins of the proposing unit prepare its proposals and dossier."""
    return has_role(user, unit, PROPOSERS)


def may_decide(user: Visitor, unit: Unit) -> bool:
    """Approvers and admins of the deciding unit run its council, record the vote and decide."""
    return has_role(user, unit, DECIDERS)


def may_propose_somewhere(user: Visitor) -> bool:
    return bool(is_root(user) or scope_paths(user, PROPOSERS))


def may_decide_somewhere(user: Visitor) -> bool:
    return bool(is_root(user) or scope_paths(user, DECIDERS))


def proposing_units(user: Visitor) -> QuerySet[Unit]:
    """Units the user may propose for (`may_propose`): today's units of their proposer scope."""
    return picker_units(user, PROPOSERS)


def deciding_units(user: Visitor) -> QuerySet[Unit]:
    """Units whose council the user may set up (`may_decide`): today's units of their decider scope."""
    return picker_units(user, DECIDERS)


def superior_candidates(user: Visitor) -> QuerySet[Unit]:
    """Units a proposal may be addressed to: today's units of the user's scope and those above it (every
    superior of a unit they propose for is one; `proposal_create` checks it is above the proposing unit)."""
    return scope_and_above(user)


def home_units(user: Visitor, roles: tuple[str, ...]) -> QuerySet[Unit]:
    """The units where the user holds one of `roles` themselves: what a form lists first."""
    return role_units(user, roles)


def home_superiors(user: Visitor) -> QuerySet[Unit]:
    """The units above those where the user proposes (the centre and the provinces for a superuser): the
    deciding units a form lists first."""
    if is_root(user):
        return Unit.objects.filter(depth__lte=2, valid_to__isnull=True).order_by("path")
    paths = {p for m in roles_of(user) if m.role in PROPOSERS for p in m.unit.ancestor_paths()[:-1]}
    return Unit.objects.filter(path__in=sorted(paths)).order_by("path")


def access_dossier_file(*, user: Visitor, file_id: int | str) -> DossierFile:
    """A signed scan of a proposal the user may see, or 404."""
    visible = DossierFile.objects.filter(proposal__in=proposals_visible_to(user)).select_related("proposal")
    return get_visible_or_404(visible, file_id, not_found=_("Không tìm thấy tệp này."))
