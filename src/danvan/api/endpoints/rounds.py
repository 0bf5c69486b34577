"""Reporting rounds, indicator sets (../shared/API.md "Reporting rounds")."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.endpoints.common import caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import BodyBool, Code, Id, IsoDate, LongText, ShortText, Title
from danvan.core.amounts import json_amount
from danvan.core.formatting import data_name
from danvan.rounds import selectors
from danvan.rounds.access import (
    access_indicator_set,
    access_round,
    access_submission,
    may_manage,
    rounds_visible_to,
)
from danvan.rounds.models import IndicatorSet, ReportingRound, Submission
from danvan.rounds.services import (
    IndicatorInput,
    SubmissionInput,
    indicator_set_create,
    round_open,
    submission_review,
    submission_save,
)

router = Router(tags=["reporting-rounds"])


class IndicatorIO(Schema):
    code: Code
    name: ShortText
    unit: ShortText = ""
    numerator: Code | None = None
    denominator: Code | None = None


class IndicatorSetIO(Schema):
    code: Code
    name: ShortText
    indicators: list[IndicatorIO]


class IndicatorSetList(Schema):
    items: list[IndicatorSetIO]
    count: int


class SectionIn(Schema):
    code: Code
    title: ShortText


class RoundIn(Schema):
    unit: Code
    title: Title
    date_from: IsoDate
    date_to: IsoDate
    due: IsoDate
    indicator_set: Code
    units: list[Code] | None = None
    outline: list[SectionIn] | None = None


class SectionOut(Schema):
    code: str
    title: str


class RoundOut(Schema):
    id: int
    unit: str
    title: str
    date_from: datetime.date
    date_to: datetime.date
    due: datetime.date
    indicator_set: str
    status: str
    outline: list[SectionOut]
    expected: int
    submitted: int
    late: int
    missing: list[str]
    totals: dict[str, float | int]


class RoundItem(Schema):
    id: int
    unit: str
    title: str
    date_from: datetime.date
    date_to: datetime.date
    due: datetime.date
    indicator_set: str
    status: str


class RoundList(Schema):
    items: list[RoundItem]
    count: int


class SubmissionIn(Schema):
    unit: Code
    values: dict[str, Any] = {}
    sections: dict[str, Any] = {}
    as_of: IsoDate | None = None
    submit: BodyBool = False


class SubmissionOut(Schema):
    round: int
    unit: str
    status: str
    late: bool
    sent_at: datetime.datetime | None
    as_of: datetime.date | None
    return_note: str
    values: dict[str, float | int]
    sections: dict[str, str]


class ReviewIn(Schema):
    accept: BodyBool
    note: LongText = ""


def indicator_set_item(s: IndicatorSet) -> dict[str, Any]:
    by_pk = {i.pk: i.code for i in s.indicators.all()}
    return {
        "code": s.code,
        "name": data_name(s.name),
        "indicators": [
            {
                "code": i.code,
                "name": data_name(i.name),
                "unit": i.unit_label,
                "numerator": by_pk.get(i.numerator_id or 0),
                "denominator": by_pk.get(i.denominator_id or 0),
            }
            for i in s.indicators.all()
        ],
    }


def round_item(r: ReportingRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "unit": r.unit.code,
        "title": r.title,
        "date_from": r.date_from,
        "date_to": r.date_to,
        "due": r.due,
        "indicator_set": r.indicator_set.code,
        "status": r.status,
    }


def round_detail_item(r: ReportingRound) -> dict[str, Any]:
    board = selectors.round_board(r)
    totals = selectors.round_totals(r)
    return {
        **round_item(r),
        "outline": r.outline,
        "expected": board.expected,
        "submitted": board.submitted,
        "late": len(board.late),
        "missing": [row.unit_code for row in board.missing],
        "totals": {code: json_amount(v) for code, v in totals.items()},
    }


def submission_item(s: Submission) -> dict[str, Any]:
    values = selectors.submission_values(s, selectors.round_indicators(s.round))
    return {
        "round": s.round_id,
        "unit": s.unit.code,
        "status": s.status,
        "late": s.late,
        "sent_at": s.sent_at,
        "as_of": s.as_of,
        "return_note": s.return_note,
        "values": {code: json_amount(v) for code, v in values.items()},
        "sections": s.sections,
    }


@router.get("/indicator-sets", response={200: IndicatorSetList, **error_responses(400, 401)}, summary=_("Bộ chỉ tiêu"))
def indicator_set_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """The indicator sets a round may ask for; a rate names its numerator and denominator."""
    return paginate(IndicatorSet.objects.prefetch_related("indicators"), params, indicator_set_item)


@router.post(
    "/indicator-sets",
    response={201: IndicatorSetIO, **error_responses(400, 401, 403)},
    summary=_("Thêm bộ chỉ tiêu"),
)
def indicator_set_create_endpoint(request: HttpRequest, payload: IndicatorSetIO) -> tuple[int, dict[str, Any]]:
    """Admins add an indicator set; a rate (numerator/denominator) is computed from the sums, never entered."""
    made = indicator_set_create(
        by=caller(request),
        code=payload.code,
        name=payload.name,
        indicators=[
            IndicatorInput(i.code, i.name, i.unit, i.numerator or "", i.denominator or "") for i in payload.indicators
        ],
    )
    return 201, indicator_set_item(IndicatorSet.objects.prefetch_related("indicators").get(pk=made.pk))


@router.get("/reporting-rounds", response={200: RoundList, **error_responses(400, 401)}, summary=_("Đợt báo cáo"))
def round_list(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    """Rounds of the caller's units and rounds that ask the caller's units for a report."""
    rounds = rounds_visible_to(caller(request)).select_related("unit", "indicator_set")
    return paginate(rounds, params, round_item)


@router.post(
    "/reporting-rounds", response={201: RoundOut, **error_responses(400, 401, 403)}, summary=_("Mở đợt báo cáo")
)
def round_create(request: HttpRequest, payload: RoundIn) -> tuple[int, dict[str, Any]]:
    """Open a round; without `units`, every active unit directly under `unit` must report."""
    user = caller(request)
    unit = required_unit(request, payload.unit, "unit")
    units = None
    if payload.units is not None:
        units = [required_unit(request, code, f"units.{n}") for n, code in enumerate(payload.units)]
    created = round_open(
        by=user,
        unit=unit,
        title=payload.title,
        date_from=payload.date_from,
        date_to=payload.date_to,
        due=payload.due,
        indicator_set=access_indicator_set(code=payload.indicator_set),
        units=units,
        outline=[s.dict() for s in payload.outline] if payload.outline else None,
    )
    return 201, round_detail_item(access_round(user=user, round_id=created.pk))


@router.get(
    "/reporting-rounds/{id}",
    response={200: RoundOut, **error_responses(400, 401, 403, 404)},
    summary=_("Tình hình nộp và số liệu tổng hợp"),
)
def round_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    """Who sent (on time or late), who has not, and the totals of what was sent (the round's unit's staff)."""
    user = caller(request)
    the_round = access_round(user=user, round_id=id)
    if not may_manage(user, the_round):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị mở đợt báo cáo xem được số liệu tổng hợp."))
    return round_detail_item(the_round)


@router.post(
    "/reporting-rounds/{id}/submissions",
    response={201: SubmissionOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Lưu hoặc gửi báo cáo của đơn vị"),
)
def submission_create(request: HttpRequest, id: Id, payload: SubmissionIn) -> tuple[int, dict[str, Any]]:
    """The unit's staff save (`submit: false`) or send (`submit: true`) its figures and sections. The values
    replace those saved before. Sent after `due`: accepted and marked late."""
    user = caller(request)
    the_round = access_round(user=user, round_id=id)
    submission = access_submission(user=user, round=the_round, unit_code=payload.unit)
    saved = submission_save(
        by=user,
        submission=submission,
        data=SubmissionInput(values=payload.values, sections=payload.sections, as_of=payload.as_of),
        send=payload.submit,
    )
    return 201, submission_item(saved)


@router.get(
    "/reporting-rounds/{id}/submissions/{unit}",
    response={200: SubmissionOut, **error_responses(400, 401, 403, 404)},
    summary=_("Báo cáo của một đơn vị"),
)
def submission_detail(request: HttpRequest, id: Id, unit: Code) -> dict[str, Any]:
    user = caller(request)
    the_round = access_round(user=user, round_id=id)
    return submission_item(access_submission(user=user, round=the_round, unit_code=unit))


@router.post(
    "/reporting-rounds/{id}/submissions/{unit}/review",
    response={200: SubmissionOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Tiếp nhận hoặc trả lại báo cáo"),
)
def submission_review_endpoint(request: HttpRequest, id: Id, unit: Code, payload: ReviewIn) -> dict[str, Any]:
    """The round's unit accepts a sent report, or returns it with a note (`accept: false`, `note` required)."""
    user = caller(request)
    the_round = access_round(user=user, round_id=id)
    submission = access_submission(user=user, round=the_round, unit_code=unit)
    return submission_item(submission_review(by=user, submission=submission, accept=payload.accept, note=payload.note))
