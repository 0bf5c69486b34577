"""Key tasks (../shared/API.md "Key tasks")."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from danvan.api.endpoints.common import caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.pagination import PageParams, paginate
from danvan.api.types import BodyId, Code, Id, IsoDate, LongText, Title
from danvan.conferences.access import access_conference
from danvan.keytasks import selectors
from danvan.keytasks.access import access_task, tasks_visible_to
from danvan.keytasks.models import KeyTask, TaskStatus
from danvan.keytasks.services import task_create, task_report
from danvan.orgs.access import access_unit
from danvan.orgs.models import Role

router = Router(tags=["tasks"])


class TaskIn(Schema):
    unit: Code
    title: Title
    owner_unit: Code
    due: IsoDate
    expected_result: LongText = ""
    conference: BodyId | None = None


class TaskOut(Schema):
    id: int
    title: str
    unit: str
    owner_unit: str
    due: datetime.date
    expected_result: str
    status: str
    overdue: bool
    done_on: datetime.date | None
    conference: int | None


class TaskList(Schema):
    items: list[TaskOut]
    count: int


class TaskUpdateIn(Schema):
    status: Literal["in_progress", "done"]
    note: LongText = ""
    date: IsoDate | None = None


class TaskFilters(PageParams):
    unit: Code = ""
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    status: Literal["open", "in_progress", "done", "overdue"] | None = None


def task_item(task: KeyTask, today: datetime.date | None = None) -> dict[str, Any]:
    return {
        "id": task.pk,
        "title": task.title,
        "unit": task.unit.code,
        "owner_unit": task.owner_unit.code,
        "due": task.due,
        "expected_result": task.expected_result,
        "status": task.status,
        "overdue": selectors.is_overdue(task, today),
        "done_on": task.done_on,
        "conference": task.conference_id,
    }


@router.get("/tasks", response={200: TaskList, **error_responses(400, 401, 403, 404)}, summary=_("Nhiệm vụ trọng tâm"))
def task_list(request: HttpRequest, filters: Query[TaskFilters]) -> dict[str, Any]:
    """Tasks of a subtree (set by or owned by its units) due in a period; `overdue` is past due and not done."""
    user = caller(request)
    tasks = tasks_visible_to(user).select_related("unit", "owner_unit")
    if filters.unit:
        unit = access_unit(user=user, code=filters.unit, roles=list(Role))
        tasks = tasks & selectors.tasks_of(unit)
    if filters.date_from:
        tasks = tasks.filter(due__gte=filters.date_from)
    if filters.date_to:
        tasks = tasks.filter(due__lte=filters.date_to)
    today = timezone.localdate()
    if filters.status == "overdue":
        tasks = tasks.exclude(status=TaskStatus.DONE).filter(due__lt=today)
    elif filters.status:
        tasks = tasks.filter(status=filters.status)
    return paginate(tasks.order_by("due", "pk"), filters, lambda t: task_item(t, today))


@router.post("/tasks", response={201: TaskOut, **error_responses(400, 401, 403)}, summary=_("Giao nhiệm vụ"))
def task_create_endpoint(request: HttpRequest, payload: TaskIn) -> tuple[int, dict[str, Any]]:
    """Set a key task; the owner unit lies in the issuing unit's subtree."""
    user = caller(request)
    conference = None
    if payload.conference is not None:
        try:
            conference = access_conference(user=user, conference_id=payload.conference)
        except Http404 as exc:
            raise ValidationError({"conference": [str(exc)]}) from None
    task = task_create(
        by=user,
        unit=required_unit(request, payload.unit, "unit"),
        title=payload.title,
        owner_unit=required_unit(request, payload.owner_unit, "owner_unit"),
        due=payload.due,
        expected_result=payload.expected_result,
        conference=conference,
    )
    return 201, task_item(task)


@router.post(
    "/tasks/{id}/updates",
    response={200: TaskOut, **error_responses(400, 401, 403, 404, 409)},
    summary=_("Báo cáo tiến độ nhiệm vụ"),
)
def task_update(request: HttpRequest, id: Id, payload: TaskUpdateIn) -> dict[str, Any]:
    """The owner unit's officers or the issuer's staff report progress (done: `date` is the day it was done)."""
    user = caller(request)
    task = access_task(user=user, task_id=id)
    return task_item(task_report(by=user, task=task, status=payload.status, note=payload.note, date=payload.date))
