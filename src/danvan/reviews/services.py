"""Scoring an initiative against its criteria, and recognising many at once."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.formatting import data_name, vn_number
from danvan.core.text import nfc
from danvan.initiatives.access import may_fire
from danvan.initiatives.events import initiative_event, system_note
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import TransitionNotAllowed, initiative_act, lock_initiative
from danvan.initiatives.workflow import TRANSITIONS
from danvan.movements.selectors import criteria_set_for
from danvan.reviews.models import Review, ReviewScore, score_text
from danvan.reviews.selectors import is_approver, review_queue_base


def score_field(criterion_id: int) -> str:
    return f"score_{criterion_id}"


@transaction.atomic
def review_save(
    *, by: Actor, initiative: Initiative, scores: Mapping[int, Decimal | int | None], comment: str = ""
) -> Review:
    """Record (or correct) the user's score sheet for the level now reviewing the initiative."""
    initiative = lock_initiative(initiative.pk)
    if initiative.status != Status.UNDER_REVIEW:
        raise TransitionNotAllowed(
            _("Chỉ chấm điểm được mô hình đang bình xét; trạng thái hiện tại là “%(status)s”. Hãy tải lại trang.")
            % {"status": initiative.get_status_display()}
        )
    if not may_fire(by, initiative, TRANSITIONS["recognize"]):
        raise PermissionDenied(
            _("Bạn không chấm điểm được mô hình này: không đúng cấp, ngoài phạm vi hoặc là mô hình của đơn vị mình.")
        )
    criteria_set = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id)
    if criteria_set is None:
        raise ValidationError(_("Chưa có bộ tiêu chí cho loại này. Hãy báo quản trị thiết lập tiêu chí."))
    criteria = list(criteria_set.criteria.all())
    errors: dict[str, list[str]] = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            errors[score_field(criterion.pk)] = [
                _("Hãy chấm điểm tiêu chí “%(criterion)s” (từ 0 đến %(max)s).")
                % {"criterion": data_name(criterion.name), "max": criterion.max_score}
            ]
        elif not 0 <= value <= criterion.max_score or Decimal(value) != Decimal(value).quantize(Decimal("0.01")):
            errors[score_field(criterion.pk)] = [
                _(
                    "Điểm %(value)s nằm ngoài thang điểm: hãy nhập từ 0 đến %(max)s. "
                    "Tiêu chí “%(criterion)s” chấm từ 0 đến %(max)s điểm, lẻ đến hai chữ số thập phân (ví dụ 8,5)."
                )
                % {"value": score_text(value), "criterion": data_name(criterion.name), "max": criterion.max_score}
            ]
    if errors:
        raise ValidationError(errors)
    total = sum((Decimal(scores[c.pk] or 0) * c.weight for c in criteria), Decimal(0))
    max_total = sum((Decimal(c.max_score) * c.weight for c in criteria), Decimal(0))
    review, _created = Review.objects.update_or_create(
        initiative=initiative,
        level=initiative.review_level,
        reviewer=by,
        defaults={"criteria_set": criteria_set, "comment": nfc(comment), "total": total, "max_total": max_total},
    )
    review.scores.all().delete()
    ReviewScore.objects.bulk_create(
        [ReviewScore(review=review, criterion=c, score=scores[c.pk] or 0) for c in criteria]
    )
    initiative_event(
        initiative=initiative,
        action="score",
        by=by,
        from_status=initiative.status,
        to_status=initiative.status,
        note=system_note("score", total=vn_number(total, 2), max=vn_number(max_total, 2))
        + (f" {review.comment}" if review.comment else ""),
    )
    return review


@dataclass
class BulkOutcome:
    done: list[Initiative] = field(default_factory=list)
    failed: list[tuple[Initiative, str]] = field(default_factory=list)
    missing: int = 0
    unscored: list[Initiative] = field(default_factory=list)
    """Refused, not recognised: no score sheet of the level now reviewing (the others still are)."""


@transaction.atomic
def review_recognize_many(*, by: Actor, initiative_ids: list[int], note: str = "") -> BulkOutcome:
    """An approver recognises several initiatives of their queue at once. Rows are locked in
    primary-key order; each goes through `initiative_act`, so each writes its own event. Those without
    a score sheet of the level now reviewing are refused by name and left as they are; the scored
    ones are recognised all the same."""
    if not is_approver(by):
        raise PermissionDenied(_("Chỉ người phê duyệt mới công nhận nhiều mô hình cùng lúc."))
    wanted = sorted({int(pk) for pk in initiative_ids})
    rows = list(
        review_queue_base(by)
        .filter(pk__in=wanted)
        .select_for_update(of=("self",))
        .select_related("unit")
        .order_by("pk")
    )
    outcome = BulkOutcome(missing=len(wanted) - len(rows))
    scored = set(
        Review.objects.filter(initiative_id__in=[r.pk for r in rows]).values_list("initiative_id", "level").distinct()
    )
    outcome.unscored = [r for r in rows if (r.pk, r.review_level) not in scored]
    for row in rows:
        if row in outcome.unscored:
            continue
        try:
            with transaction.atomic():
                outcome.done.append(
                    initiative_act(
                        by=by, initiative=row, action="recognize", note=note, expected_status=Status.UNDER_REVIEW
                    )
                )
        except (TransitionNotAllowed, PermissionDenied) as exc:
            outcome.failed.append((row, getattr(exc, "message", str(exc))))
    return outcome
