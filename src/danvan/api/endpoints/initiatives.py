import datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field as PydanticField

from danvan.api.endpoints.common import body_field, caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import (
    BodyBool,
    Code,
    CodeFilter,
    Id,
    InitiativeYear,
    IsoDate,
    KindCode,
    LevelCode,
    LongText,
    ShortText,
    Title,
    Year,
)
from danvan.core.actors import Visitor
from danvan.core.amounts import json_amount
from danvan.initiatives import selectors
from danvan.initiatives.access import access_initiative
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.services import (
    InitiativeData,
    initiative_act,
    initiative_create,
    initiative_enter_historical,
)
from danvan.initiatives.workflow import TRANSITIONS
from danvan.orgs.access import access_unit
from danvan.orgs.models import Level, Role

router = Router(tags=["initiatives"])

StatusCode = Literal["draft", "registered", "under_review", "returned", "recognized", "not_recognized"]
EntryStatus = Literal["registered", "recognized", "not_recognized"]
ActionCode = Literal[tuple(TRANSITIONS)]  # type: ignore[valid-type]  # the workflow table's actions


class InitiativeOut(Schema):
    id: int
    title: str
    kind: str
    field: str
    unit: str
    year: int
    registered_on: datetime.date | None
    registered_level: str
    summary: str
    person_name: str
    person_position: str
    person_unit: str
    person_gender: str | None
    women_share: int | None
    problem: str
    goals: str
    content: str
    area_served: str
    forces: str
    resources: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    results: str
    sustainability: str
    status: str
    review_level: str | None
    recognized_level: str | None
    recognized_on: datetime.date | None
    exemplary: bool
    historical: bool
    replicated_from: int | None
    measures: dict[str, float | int]
    created_at: datetime.datetime
    updated_at: datetime.datetime


class EventOut(Schema):
    action: str
    at: datetime.datetime
    by: str | None
    from_status: str
    to_status: str
    level: str
    note: str


class InitiativeDetail(InitiativeOut):
    events: list[EventOut]


class InitiativeList(Schema):
    items: list[InitiativeOut]
    count: int


class InitiativeFiltersIn(PageParams):
    unit: CodeFilter = ""
    year_from: Year | None = None
    year_to: Year | None = None
    date_from: IsoDate | None = None  # registered from this day (inclusive); a record with only a year
    date_to: IsoDate | None = None  # is listed only when the span covers its whole year
    status: StatusCode | None = None
    field: CodeFilter = ""
    kind: KindCode | None = None
    q: ShortText = ""


class InitiativeIn(Schema):
    title: Title
    kind: KindCode
    field: Code
    unit: Code
    year: InitiativeYear
    registered_on: IsoDate | None = None
    registered_level: LevelCode | None = None
    summary: LongText = ""
    person_name: ShortText = ""
    person_position: ShortText = ""
    person_unit: ShortText = ""
    person_gender: Literal["female", "male"] | None = None
    women_share: Annotated[int, PydanticField(ge=0, le=100)] | None = None
    problem: LongText = ""
    goals: LongText = ""
    content: LongText = ""
    area_served: LongText = ""
    forces: LongText = ""
    resources: LongText = ""
    results: LongText = ""
    sustainability: LongText = ""
    start_date: IsoDate | None = None
    end_date: IsoDate | None = None
    status: EntryStatus = "registered"
    recognized_level: LevelCode | None = None
    recognized_on: IsoDate | None = None
    exemplary: BodyBool = False
    measures: dict[str, Any] = {}


class ActionIn(Schema):
    action: ActionCode  # type: ignore[valid-type]
    note: LongText = ""


PROSE_FIELDS = [
    "summary", "person_name", "person_position", "person_unit", "problem", "goals", "content", "area_served",
    "forces", "resources", "results", "sustainability",
]  # fmt: skip


def initiative_item(i: Initiative) -> dict[str, Any]:
    return {
        "id": i.pk,
        "title": i.title,
        "kind": i.kind,
        "field": i.field_id,
        "unit": i.unit.code,
        "year": i.year,
        "registered_on": i.registered_on,
        "registered_level": i.registered_level,
        **{name: getattr(i, name) for name in PROSE_FIELDS},
        "person_gender": i.person_gender or None,
        "women_share": i.women_share,
        "start_date": i.start_date,
        "end_date": i.end_date,
        "status": i.status,
        "review_level": i.review_level or None,
        "recognized_level": i.recognized_level or None,
        "recognized_on": i.recognized_on,
        "exemplary": i.exemplary,
        "historical": i.historical,
        "replicated_from": i.replicated_from_id,
        "measures": {m.measure_id: json_amount(m.value) for m in i.measure_values.all()},
        "created_at": i.created_at,
        "updated_at": i.updated_at,
    }


def event_item(e: InitiativeEvent) -> dict[str, Any]:
    return {
        "action": e.action,
        "at": e.at,
        "by": e.by.username if e.by else None,
        "from_status": e.from_status,
        "to_status": e.to_status,
        "level": e.level,
        "note": e.note,
    }


def filtered_initiatives(user: Visitor, filters: InitiativeFiltersIn) -> QuerySet[Initiative]:
    """The web list's selector with the contract's filters; a `unit` outside the caller's scope is 403."""
    unit = access_unit(user=user, code=filters.unit, roles=list(Role)) if filters.unit else None
    query = selectors.InitiativeFilters(
        unit=unit,
        year_from=filters.year_from,
        year_to=filters.year_to,
        status=filters.status or "",
        field=filters.field,
        kind=filters.kind or "",
        q=filters.q,
    )
    listed = selectors.initiative_list(user=user, filters=query)
    if filters.date_from or filters.date_to:
        start = filters.date_from or datetime.date.min
        end = filters.date_to or datetime.date.max
        first = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        last = end.year if (end.month, end.day) == (12, 31) else end.year - 1
        listed = listed.filter(
            Q(registered_on__gte=start, registered_on__lte=end)
            | Q(registered_on__isnull=True, year__gte=first, year__lte=last)
        )
    return listed.defer(None).select_related(None).select_related("unit").prefetch_related("measure_values")


@router.get(
    "/initiatives",
    response={200: InitiativeList, **error_responses(400, 401, 403, 404)},
    summary=_("Danh sách mô hình"),
)
def initiative_list(request: HttpRequest, filters: Query[InitiativeFiltersIn]) -> dict[str, Any]:
    """Initiatives the token's user may see, filtered."""
    return paginate(filtered_initiatives(caller(request), filters), filters, initiative_item)


@router.get(
    "/initiatives/{id}", response={200: InitiativeDetail, **error_responses(400, 401, 404)}, summary=_("Một mô hình")
)
def initiative_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    """One initiative with its append-only event log."""
    initiative = access_initiative(user=caller(request), initiative_id=id)
    events = initiative.events.select_related("by").order_by("at", "pk")
    return {**initiative_item(initiative), "events": [event_item(e) for e in events]}


@router.post(
    "/initiatives", response={201: InitiativeOut, **error_responses(400, 401, 403)}, summary=_("Đăng ký mô hình")
)
def initiative_create_endpoint(request: HttpRequest, payload: InitiativeIn) -> tuple[int, dict[str, Any]]:
    """Register an initiative; any other status is a historical entry (admins and approvers of the scope)."""
    user = caller(request)
    unit = required_unit(request, payload.unit, "unit")
    data = InitiativeData(
        title=payload.title,
        kind=payload.kind,
        field=body_field(payload.field),
        unit=unit,
        year=payload.year,
        registered_level=payload.registered_level or default_level(unit.level),
        **{name: getattr(payload, name) for name in PROSE_FIELDS},
        person_gender=payload.person_gender or "",
        women_share=payload.women_share,
        start_date=payload.start_date,
        end_date=payload.end_date,
        measures=payload.measures,
        registered_on=payload.registered_on,
    )
    if payload.status == Status.REGISTERED:
        misplaced = [k for k in ("recognized_level", "recognized_on") if getattr(payload, k) is not None]
        misplaced += ["exemplary"] if payload.exemplary else []
        if misplaced:
            raise ValidationError({k: [_("Chỉ dùng với trạng thái “recognized” (đã công nhận).")] for k in misplaced})
        initiative = initiative_create(by=user, data=data, register=True)
    else:
        initiative = initiative_enter_historical(
            by=user,
            data=data,
            status=payload.status,
            recognized_level=payload.recognized_level or "",
            recognized_on=payload.recognized_on,
            exemplary=payload.exemplary,
        )
    return 201, initiative_item(initiative)


@router.post(
    "/initiatives/{id}/actions",
    response={200: InitiativeOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Thao tác quy trình"),
)
def initiative_action(request: HttpRequest, id: Id, payload: ActionIn) -> dict[str, Any]:
    """Fire a workflow action: 409 when not allowed from the current state, 403 when the role or level may not."""
    user = caller(request)
    initiative = initiative_act(by=user, initiative_id=id, action=payload.action, note=payload.note)
    return initiative_item(initiative)


def default_level(unit_level: str) -> str:
    return unit_level if unit_level in Level.values else Level.COMMUNE
