"""Who sees and who manages a conference; the only way to fetch one by a user-supplied id."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.conferences.models import Conference
from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
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


def may_edit(user: Visitor, unit: Unit) -> bool:
    return has_role(user, unit, EDITORS)


def may_publish(user: Visitor, unit: Unit) -> bool:
    return has_role(user, unit, PUBLISHERS)
