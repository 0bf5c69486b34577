"""Who sees and who manages a commendation decision; the only way to fetch one by a user-supplied id."""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.awards.models import Award, Decision, DecisionStatus
from danvan.core.access import get_visible_or_404, ticked_among
from danvan.core.actors import Visitor
from danvan.orgs.access import has_role, scope_q
from danvan.orgs.models import Role, Unit

MANAGERS = (Role.APPROVER, Role.ADMIN)


def decisions_visible_to(user: Visitor) -> QuerySet[Decision]:
    """Decisions the user may know of.

    Issued: those of an issuer in the user's scope, and those commending an initiative in it
    (a village sees the province's decision that commends its model). Drafts: only approvers
    and admins of the issuer's scope.
    """
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    commends_scope = Exists(Award.objects.filter(scope_q(user, "initiative__unit__path"), decision=OuterRef("pk")))
    issued = Q(status=DecisionStatus.ISSUED) & (scope_q(user, "issuer_unit__path") | commends_scope)
    drafts = Q(status=DecisionStatus.DRAFT) & scope_q(user, "issuer_unit__path", roles=MANAGERS)
    return Decision.objects.filter(issued | drafts)


def access_decision(*, user: Visitor, decision_id: int | str) -> Decision:
    """Fetch a decision the user may see, or 404: one outside the scope does not exist for them."""
    visible = decisions_visible_to(user).select_related(
        "issuer_unit", "award_form", "corrects", "corrects__issuer_unit"
    )
    return get_visible_or_404(visible, decision_id, not_found=_("Không tìm thấy quyết định khen thưởng này."))


def access_ticked_decisions(*, offered: QuerySet[Decision], ids: Iterable[object]) -> list[Decision]:
    """The decisions a request ticked, read only among `offered` (a set `decisions_visible_to` already
    scoped to the caller, such as the issued decisions a conference may announce): an id outside it is
    dropped, never read."""
    return ticked_among(offered, ids)


def may_manage(user: Visitor, unit: Unit) -> bool:
    """Approvers and admins of the issuing unit (or above it) prepare and issue its decisions."""
    return has_role(user, unit, MANAGERS)
