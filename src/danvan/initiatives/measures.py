"""Measured results of initiatives: checking and writing an initiative's values, and summing them over
a unit's subtree and a period (dissolved units counted in their successor, as the statistics are)."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from danvan.core.amounts import AmountError, parse_amount
from danvan.initiatives.models import Initiative, InitiativeMeasure
from danvan.measures.models import Measure
from danvan.orgs.models import Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors


def clean_measures(values: Mapping[str, Any], field: str = "measures") -> dict[str, Decimal]:
    """Values by measure code, each a non-negative number; an unknown code or a bad number is one
    ValidationError naming every bad entry ("measures.<code>"). Empty values are dropped."""
    known = {m.code: m for m in Measure.objects.filter(code__in=[str(c) for c in values])}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Decimal] = {}
    for code, raw in values.items():
        measure = known.get(str(code))
        if measure is None:
            errors[f"{field}.{code}"] = [
                _("Không có chỉ số kết quả mã “%(code)s”. Xem danh sách ở /api/v1/measures.") % {"code": code}
            ]
            continue
        if raw is None or raw == "":
            continue
        try:
            cleaned[measure.code] = parse_amount(raw)
        except AmountError as exc:
            errors[f"{field}.{code}"] = [f"{_(measure.name)}: {exc}"]
    if errors:
        raise ValidationError(errors)
    return cleaned


def measures_write(initiative: Initiative, values: Mapping[str, Decimal]) -> None:
    """Replace the initiative's values (inside the caller's transaction): two statements."""
    InitiativeMeasure.objects.filter(initiative=initiative).delete()
    InitiativeMeasure.objects.bulk_create(
        [InitiativeMeasure(initiative=initiative, measure_id=code, value=v) for code, v in values.items() if v]
    )


def measures_of(initiative: Initiative) -> dict[str, Decimal]:
    return dict(InitiativeMeasure.objects.filter(initiative=initiative).values_list("measure_id", "value"))


def measure_totals(unit: Unit, date_from: datetime.date, date_to: datetime.date) -> dict[str, Decimal]:
    """Sum of each measure over the initiatives of `unit`'s subtree (and of dissolved units that roll
    into it) recognised in [date_from, date_to]. Two queries (the successor walk, the sum)."""
    paths = scope_paths_with_predecessors(unit)
    rows = (
        InitiativeMeasure.objects.filter(
            paths_q(paths, "initiative__unit__path"),
            initiative__recognized_on__gte=date_from,
            initiative__recognized_on__lte=date_to,
        )
        .values("measure_id")
        .annotate(total=Sum("value"))
    )
    return {row["measure_id"]: row["total"] for row in rows if row["total"]}
