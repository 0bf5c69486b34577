"""Who sees a key task and who acts on it; the only way to fetch one by a user-supplied id."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.keytasks.models import KeyTask
from danvan.orgs.access import has_role, is_root, scope_paths, scope_q
from danvan.orgs.models import Role, Unit
from danvan.orgs.selectors import picker_units, role_units

# Officers set and report tasks; approvers and admins may too; viewers and reviewers read.
STAFF_ROLES = (Role.OFFICER, Role.APPROVER, Role.ADMIN)


def tasks_visible_to(user: Visitor) -> QuerySet[KeyTask]:
    """Tasks set by a unit in the user's scope, or owned by one."""
    if not getattr(user, "is_authenticated", False):
        return KeyTask.objects.none()
    if is_root(user):
        return KeyTask.objects.all()
    return KeyTask.objects.filter(scope_q(user, "unit__path") | scope_q(user, "owner_unit__path"))


def access_task(*, user: Visitor, task_id: int | str) -> KeyTask:
    visible = tasks_visible_to(user).select_related("unit", "owner_unit", "conference")
    return get_visible_or_404(visible, task_id, not_found=_("Không tìm thấy nhiệm vụ này."))


def may_report(user: Visitor, task: KeyTask) -> bool:
    """The owner unit's staff, and the issuer's staff (whose scope holds the owner)."""
    return has_role(user, task.owner_unit, STAFF_ROLES)


def may_set_tasks(user: Visitor) -> bool:
    return bool(is_root(user) or scope_paths(user, STAFF_ROLES))


def issuing_units(user: Visitor) -> QuerySet[Unit]:
    """Units the user may set a task for (`task_create` asks the same), and that may own one: today's units
    of their staff scope. A form lists `home_units` and its type-ahead finds the rest."""
    return picker_units(user, STAFF_ROLES)


def home_units(user: Visitor) -> QuerySet[Unit]:
    """The units where the user holds a staff role themselves: the issuer a form offers first."""
    return role_units(user, STAFF_ROLES)
