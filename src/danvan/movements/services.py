"""Writes to programmes and criteria sets (admins)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.text import nfc
from danvan.movements.access import may_edit_criteria_set
from danvan.movements.models import CriteriaSet, Criterion, InitiativeKind, Movement, Programme
from danvan.orgs.access import has_role
from danvan.orgs.models import Role, Unit

MAX_WEIGHT = Decimal(100)
MAX_SCORE = 100


@transaction.atomic
def programme_create(
    *,
    by: Actor,
    number: str,
    title: str,
    issuer: Unit,
    start: datetime.date,
    end: datetime.date,
    own_criteria: bool = False,
) -> Programme:
    """A programme (đề án, chỉ thị, kế hoạch); with `own_criteria`, its own sets copied from the defaults."""
    if not has_role(by, issuer, [Role.ADMIN]):
        raise PermissionDenied(_("Bạn chỉ được tạo chương trình cho đơn vị mình quản trị."))
    errors: dict[str, list[str]] = {}
    number, title = nfc(number), nfc(title)
    if not number:
        errors["number"] = [_("Hãy nhập số hiệu, ví dụ 06-ĐA/TU.")]
    if not title:
        errors["title"] = [_("Hãy nhập trích yếu của chương trình.")]
    if end < start:
        errors["end"] = [_("Ngày kết thúc phải sau ngày bắt đầu.")]
    if Programme.objects.filter(number=number, issuer=issuer).exists():
        errors["number"] = [_("Đơn vị này đã có chương trình số %(n)s.") % {"n": number}]
    if errors:
        raise ValidationError(errors)
    programme = Programme.objects.create(
        movement=Movement.objects.order_by("pk")[:1].get(),
        number=number,
        title=title,
        issuer=issuer,
        start=start,
        end=end,
    )
    if own_criteria:
        for kind in InitiativeKind.values:
            default = CriteriaSet.objects.filter(kind=kind, programme=None).order_by("pk").first()
            copy = CriteriaSet.objects.create(
                name=f"{default.name if default else kind} — {number}", kind=kind, programme=programme
            )
            if default is not None:
                Criterion.objects.bulk_create(
                    [
                        Criterion(
                            criteria_set=copy,
                            name=c.name,
                            description=c.description,
                            weight=c.weight,
                            max_score=c.max_score,
                            sort=c.sort,
                        )
                        for c in default.criteria.all()
                    ]
                )
    return programme


@dataclass
class CriterionRow:
    """One row of the criteria form; `criterion` is None for a new one."""

    criterion: Criterion | None
    name: str
    weight: Decimal
    max_score: int
    sort: int = 100


@transaction.atomic
def criteria_set_update(*, by: Actor, criteria_set: CriteriaSet, name: str, rows: list[CriterionRow]) -> CriteriaSet:
    """Rename a set and set the weight and maximum score of its criteria; rows may be added.

    Criteria are never deleted here: score sheets refer to them. A weight of 0 retires one.
    """
    if not may_edit_criteria_set(by, criteria_set):
        raise PermissionDenied(_("Bộ tiêu chí này do cấp khác quản lý."))
    errors: list[str] = []
    name = nfc(name)
    if not name:
        errors.append(_("Hãy đặt tên bộ tiêu chí."))
    for index, row in enumerate(rows, start=1):
        if row.criterion is not None and row.criterion.criteria_set_id != criteria_set.pk:
            raise PermissionDenied(_("Tiêu chí không thuộc bộ này."))
        if not nfc(row.name):
            errors.append(_("Dòng %(i)s: hãy nhập tên tiêu chí.") % {"i": index})
        if not Decimal(0) <= row.weight <= MAX_WEIGHT:
            errors.append(_("Dòng %(i)s: trọng số phải từ 0 đến 100.") % {"i": index})
        if not 1 <= row.max_score <= MAX_SCORE:
            errors.append(_("Dòng %(i)s: điểm tối đa phải từ 1 đến 100.") % {"i": index})
    if not rows:
        errors.append(_("Bộ tiêu chí cần ít nhất một tiêu chí."))
    if errors:
        raise ValidationError(errors)
    criteria_set.name = name
    criteria_set.save(update_fields=["name", "updated_at"])
    for row in rows:
        criterion = row.criterion or Criterion(criteria_set=criteria_set)
        criterion.name, criterion.weight, criterion.max_score, criterion.sort = (
            nfc(row.name),
            row.weight,
            row.max_score,
            row.sort,
        )
        if criterion.pk:
            criterion.save(update_fields=["name", "weight", "max_score", "sort"])
        else:
            criterion.save()
    return criteria_set
