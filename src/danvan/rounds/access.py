"""Who sees a reporting round and who acts in it; the only way to fetch a round or a submission by an
id or a code a user supplied."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.access import get_visible_or_404
from danvan.core.actors import Visitor
from danvan.orgs.access import has_role, is_root, scope_paths, scope_q
from danvan.orgs.models import Unit
from danvan.orgs.selectors import picker_units, role_units
from danvan.rounds.models import IndicatorSet, ReportingRound, Submission
from danvan.rounds.workflow import STAFF_ROLES


def rounds_visible_to(user: Visitor) -> QuerySet[ReportingRound]:
    """Rounds of a unit in the user's scope, and rounds that ask a unit in the user's scope for a report."""
    if not getattr(user, "is_authenticated", False):
        return ReportingRound.objects.none()
    if is_root(user):
        return ReportingRound.objects.all()
    asked = Submission.objects.filter(scope_q(user, "unit__path")).values("round_id")
    return ReportingRound.objects.filter(scope_q(user, "unit__path") | Q(pk__in=asked))


def access_round(*, user: Visitor, round_id: int | str) -> ReportingRound:
    visible = rounds_visible_to(user).select_related("unit", "indicator_set")
    return get_visible_or_404(visible, round_id, not_found=_("Không tìm thấy đợt báo cáo này."))


def access_submission(*, user: Visitor, round: ReportingRound, unit_code: str) -> Submission:
    """The submission of `unit_code` in a round the user sees (`access_round` first).

    A unit the round does not ask for is bad input (ValidationError naming the field); a unit it asks
    for whose report the user may not read is PermissionDenied.
    """
    submission = (
        Submission.objects.select_related("unit", "round", "round__unit", "round__indicator_set")
        .filter(round=round, unit__code=str(unit_code).strip())
        .first()
    )
    if submission is None:
        raise ValidationError(
            {
                "unit": [
                    _(
                        "Đơn vị “%(code)s” không thuộc đợt báo cáo này. "
                        "Hãy chọn một đơn vị trong danh sách được yêu cầu báo cáo."
                    )
                    % {"code": unit_code}
                ]
            }
        )
    if not (may_manage(user, round) or has_role(user, submission.unit)):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo của “%(name)s”.") % {"name": submission.unit.name})
    return submission


def may_manage(user: Visitor, round: ReportingRound) -> bool:
    """The round's unit's staff: they open the round, read every submission, accept or return."""
    return has_role(user, round.unit, STAFF_ROLES)


def may_fill(user: Visitor, submission: Submission) -> bool:
    return has_role(user, submission.unit, STAFF_ROLES)


def may_open_rounds(user: Visitor) -> bool:
    return bool(is_root(user) or scope_paths(user, STAFF_ROLES))


def opening_units(user: Visitor) -> QuerySet[Unit]:
    """Units the user may open a round for (`round_open` asks the same): today's units of their staff scope.
    A form lists `home_units` and its type-ahead finds the rest."""
    return picker_units(user, STAFF_ROLES)


def home_units(user: Visitor) -> QuerySet[Unit]:
    """The units where the user holds a staff role themselves: what a form offers first."""
    return role_units(user, STAFF_ROLES)


def may_edit_indicator_sets(user: Visitor) -> bool:
    """Indicator sets are shared by every unit: admins define them."""
    return bool(is_root(user) or scope_paths(user, ["admin"]))


def access_indicator_set(*, code: str) -> IndicatorSet:
    found = IndicatorSet.objects.filter(code=str(code).strip()).first()
    if found is None:
        raise ValidationError(
            {"indicator_set": [_("Không có bộ chỉ tiêu mã “%(code)s”. Xem danh sách bộ chỉ tiêu.") % {"code": code}]}
        )
    return found
