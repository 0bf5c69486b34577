"""Who configures programmes and criteria: superusers, and unit admins within their scope."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.movements.models import CriteriaSet
from danvan.orgs.access import has_role, is_root, roles_of
from danvan.orgs.models import Role


def require_movement_admin(user: Visitor) -> None:
    if not (is_root(user) or any(m.role == Role.ADMIN for m in roles_of(user))):
        raise PermissionDenied(_("Chỉ quản trị mới thiết lập được chương trình và tiêu chí."))


def may_edit_criteria_set(user: Visitor, criteria_set: CriteriaSet) -> bool:
    """Default sets belong to the whole system; a programme's own sets to the admins of its issuer."""
    if is_root(user):
        return True
    programme = criteria_set.programme
    return programme is not None and has_role(user, programme.issuer, [Role.ADMIN])


def access_criteria_set(*, user: Visitor, criteria_set_id: int | str) -> CriteriaSet:
    require_movement_admin(user)
    criteria_set = get_visible_or_404(
        CriteriaSet.objects.select_related("programme", "programme__issuer"),
        criteria_set_id,
        not_found=_("Không tìm thấy bộ tiêu chí này."),
    )
    if not may_edit_criteria_set(user, criteria_set):
        raise PermissionDenied(_("Bộ tiêu chí này do cấp khác quản lý; bạn chỉ xem được, không sửa được."))
    return criteria_set
