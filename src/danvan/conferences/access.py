"""Who sees and who manages a conference; the only way to fetch one by a user-supplied id."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.awards.selectors import commendable_initiatives
from danvan.conferences.models import Conference
from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.initiatives.access import initiatives_visible_to
from danvan.initiatives.models import Initiative
from danvan.orgs.access import has_role, scope_q
from danvan.orgs.models import Role, Unit

# The secretariat (officers) prepares the record and the news; approvers and admins publish.
EDITORS = (Role.OFFICER, Role.APPROVER, Role.ADMIN)
PUBLISHERS = (Role.APPROVER, Role.ADMIN)


def conferences_visible_to(user: Visitor) -> QuerySet[Conference]:
    if not getattr(user, "is_authenticated", False):
        return Conference.objects.none()
    return Conference.objects.filter(scope_q(user, "host_unit__path"))


def access_conference(*, user: Visitor, conference_id: int | str) -> Conference:
    visible = conferences_visible_to(user).select_related("host_unit", "scope_unit")
    return get_visible_or_404(visible, conference_id, not_found=_("Không tìm thấy hội nghị này."))


def initiatives_to_link(user: Visitor, conference: Conference | None = None) -> QuerySet[Initiative]:
    """The models `user` may tick on a conference's form, the set a request's ticks are read among
    (`initiatives.access.access_ticked`): the recognised ones they see and, for a conference being edited,
    those already linked to it that they see, whatever their status now (a conference is a record: what it
    commended stays linked until someone unticks it). The linked ones they do not see are not theirs to
    untick: `services.conference_update` keeps them."""
    recognized = commendable_initiatives(user, None)
    if conference is None or conference.pk is None:
        return recognized
    return recognized | initiatives_visible_to(user).filter(pk__in=conference.initiatives.values("pk"))


def may_edit(user: Visitor, unit: Unit) -> bool:
    return has_role(user, unit, EDITORS)


def may_publish(user: Visitor, unit: Unit) -> bool:
    return has_role(user, unit, PUBLISHERS)
