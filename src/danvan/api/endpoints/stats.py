import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.endpoints.common import caller
from danvan.api.errors import error_responses
from danvan.api.types import Code, Year
from danvan.core.amounts import json_amount
from danvan.initiatives.measures import measure_totals
from danvan.orgs.access import access_unit
from danvan.orgs.models import Role
from danvan.reports.selectors import stats_for_scope
from danvan.reports.services import validate_period

router = Router(tags=["stats"])


class Breakdown(Schema):
    total: int
    by_level: dict[str, int]
    by_field: dict[str, int]
    by_kind: dict[str, int]


class Commended(Schema):
    total: int
    by_kind: dict[str, int]
    decisions: int


class Women(Schema):
    """Individuals whose person is female (NĐ 152/2025 Điều 4)."""

    registered: int
    recognized: int
    commended: int


class StatsOut(Schema):
    unit: str
    year_from: int
    year_to: int
    registered: Breakdown
    recognized: Breakdown
    exemplary: Breakdown
    commended: Commended
    women: Women
    measures: dict[str, float | int]


class StatsFilters(Schema):
    unit: Code
    year_from: Year | None = None
    year_to: Year | None = None


@router.get("/stats", response={200: StatsOut, **error_responses(400, 401, 403, 404)}, summary=_("Thống kê"))
def stats(request: HttpRequest, filters: Query[StatsFilters]) -> dict[str, Any]:
    """Counts for a unit's scope (with what its dissolved predecessors held) and a period of years:
    registered by registration year; recognised and exemplary by recognition date; commended by decision date."""
    unit = access_unit(user=caller(request), code=filters.unit, roles=list(Role))
    this_year = timezone.localdate().year
    year_from = filters.year_from or filters.year_to or this_year
    year_to = filters.year_to or filters.year_from or this_year
    period = validate_period(year_from=year_from, year_to=year_to)
    figures = stats_for_scope(unit=unit, year_from=period.year_from, year_to=period.year_to)
    totals = measure_totals(unit, datetime.date(period.year_from, 1, 1), datetime.date(period.year_to, 12, 31))
    return {**figures, "measures": {code: json_amount(v) for code, v in totals.items()}}
