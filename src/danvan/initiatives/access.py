"""Who sees and who acts on an initiative; the only way to fetch one by a user-supplied id."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404, ticked_among
from danvan.core.actors import Visitor
from danvan.initiatives.models import Attachment, Initiative, Status
from danvan.initiatives.workflow import OWNER_EDITS, OWNER_ROLES, SEND, Actor, Transition
from danvan.orgs.access import is_root, roles_of, scope_q
from danvan.orgs.models import Role


def initiatives_visible_to(user: Visitor) -> QuerySet[Initiative]:
    """Initiatives in the user's scope; drafts only for the registering side (officers, admins)."""
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    in_scope = scope_q(user, "unit__path")
    owner_side = scope_q(user, "unit__path", roles=[Role.OFFICER, Role.ADMIN])
    return Initiative.objects.filter(in_scope).filter(~Q(status=Status.DRAFT) | owner_side | Q(created_by=user))


def access_initiative(*, user: Visitor, initiative_id: int | str, lock: bool = False) -> Initiative:
    """Fetch an initiative the user may see, or 404: one outside the scope does not exist for them.

    `lock`: the row is locked until the transaction ends (a service's, which must be open)."""
    visible = initiatives_visible_to(user).select_related(
        "unit", "unit__kind", "unit__parent", "field", "programme", "created_by"
    )
    if lock:
        visible = visible.select_for_update(of=("self",))
    return get_visible_or_404(visible, initiative_id, not_found=_("Không tìm thấy mô hình, điển hình này."))


def access_ticked(*, offered: QuerySet[Initiative], ids: Iterable[object]) -> list[Initiative]:
    """The initiatives a request ticked, read only among `offered` (a set a gate of this module already
    scoped to the caller, such as the recognised models they may commend): an id outside it is dropped,
    never read."""
    return ticked_among(offered, ids)


def has_conflict(user: Visitor, initiative: Initiative) -> bool:
    """A reviewer never reviews an initiative they made, of a unit they work in, or one under it."""
    if initiative.created_by_id is not None and initiative.created_by_id == getattr(user, "pk", None):
        return True
    path = initiative.unit.path
    return any(
        (m.role == Role.OFFICER and path.startswith(m.unit.path)) or (m.unit_id == initiative.unit_id)
        for m in roles_of(user)
    )


def may_fire(user: Visitor, initiative: Initiative, transition: Transition) -> bool:
    if is_root(user):
        return True
    path = initiative.unit.path
    if transition.actor is Actor.OWNER:
        return any(m.role in transition.roles and path.startswith(m.unit.path) for m in roles_of(user))
    if has_conflict(user, initiative):
        return False
    return any(
        m.role in transition.roles and m.unit.level == initiative.review_level and path.startswith(m.unit.path)
        for m in roles_of(user)
    )


def may_send(user: Visitor, initiative: Initiative) -> bool:
    """The registering side may fire every step of the one "Gửi" action from the initiative's state."""
    path = SEND.path(initiative.status)
    return bool(path) and all(may_fire(user, initiative, t) for t in path)


def may_edit(user: Visitor, initiative: Initiative) -> bool:
    """The registering side edits an initiative (and its files) in the states the workflow table allows."""
    if initiative.status not in OWNER_EDITS:
        return False
    if is_root(user):
        return True
    return any(m.role in OWNER_ROLES and initiative.unit.path.startswith(m.unit.path) for m in roles_of(user))


def access_public_original(*, public_key: str) -> Initiative:
    """The public initiative a new registration replicates (`?replicated_from=<public key>`): one the
    library shows, i.e. with a library entry (the library's row points here, so no import of it)."""
    original = (
        Initiative.objects.select_related("unit")
        .filter(public_key=str(public_key)[:32], library_entry__isnull=False)
        .first()
    )
    if original is None:
        raise Http404(_("Không có mô hình công khai nào ở địa chỉ này."))
    return original


def access_attachment(*, user: Visitor, attachment_id: int | str) -> Attachment:
    """Fetch an attachment of an initiative the user may see, or 404."""
    visible = Attachment.objects.select_related("initiative", "initiative__unit").filter(
        initiative__in=initiatives_visible_to(user)
    )
    return get_visible_or_404(visible, attachment_id, not_found=_("Không tìm thấy tệp này."))


def may_enter_historical(user: Visitor) -> bool:
    """Admins and approvers (anywhere) may open the historical entry form; the service checks the unit."""
    if is_root(user):
        return True
    return any(m.role in (Role.ADMIN, Role.APPROVER) for m in roles_of(user))


def may_register(user: Visitor) -> bool:
    if is_root(user):
        return True
    return any(m.role in (Role.OFFICER, Role.ADMIN) for m in roles_of(user))
