import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.endpoints.common import caller
from danvan.api.errors import error_responses
from danvan.api.types import Code, IsoDate, Year
from danvan.core.amounts import json_amount
from danvan.initiatives.measures import measure_totals
from danvan.orgs.access import access_unit
from danvan.orgs.models import Role
from danvan.reports.selectors import stats_for_scope
from danvan.reports.services import period_from_input

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
    date_from: datetime.date
    date_to: datetime.date
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
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


@router.get("/stats", response={200: StatsOut, **error_responses(400, 401, 403, 404)}, summary=_("Thống kê"))
def stats(request: HttpRequest, filters: Query[StatsFilters]) -> dict[str, Any]:
    """Counts for a unit's scope (with what its dissolved predecessors held) and a period: years
    (`year_from`, `year_to`) or whole months given by their first and last day (`date_from`, `date_to`,
    e.g. 2026-01-01..2026-06-30). Registered by the day of registration (an initiative with only a year
    counts only in periods that cover its whole year); recognised and exemplary by recognition date;
    commended by decision date."""
    unit = access_unit(user=caller(request), code=filters.unit, roles=list(Role))
    period = period_from_input(
        year_from=filters.year_from, year_to=filters.year_to, date_from=filters.date_from, date_to=filters.date_to
    )
    figures = stats_for_scope(unit=unit, period=period)
    totals = measure_totals(unit, period.start, period.end)
    return {**figures, "measures": {code: json_amount(v) for code, v in totals.items()}}
