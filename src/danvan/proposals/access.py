"""Who sees and who acts on proposals and councils; the only way to fetch one by a user-supplied id."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.orgs.access import has_role, scope_q
from danvan.orgs.models import Role, Unit
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


def access_dossier_file(*, user: Visitor, file_id: int | str) -> DossierFile:
    """A signed scan of a proposal the user may see, or 404."""
    visible = DossierFile.objects.filter(proposal__in=proposals_visible_to(user)).select_related("proposal")
    return get_visible_or_404(visible, file_id, not_found=_("Không tìm thấy tệp này."))
