from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from danvan.api.endpoints.common import caller, required_unit
from danvan.api.errors import error_responses
from danvan.api.types import BodyId, Code, Id, InitiativeYear, IsoDate, ReportYearTo
from danvan.reports.access import access_report
from danvan.reports.models import Report
from danvan.reports.services import report_request

router = Router(tags=["reports"])


class ReportIn(Schema):
    unit: Code
    year_from: InitiativeYear | None = None
    year_to: ReportYearTo | None = None
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    round: BodyId | None = None  # a reporting round of the unit: its totals and what the units wrote
    format: Literal["docx", "xlsx", "pdf"]
    layout: Literal["state", "party"] = "state"


class ReportOut(Schema):
    id: int
    status: Literal["queued", "running", "done", "failed"]
    download_url: str | None


def report_item(report: Report) -> dict[str, Any]:
    done = report.status == Report.Status.DONE and bool(report.file)
    url = reverse("api:report_file", kwargs={"id": report.pk}) if done else None
    return {"id": report.pk, "status": report.status, "download_url": url}


@router.post("/reports", response={202: ReportOut, **error_responses(400, 401, 403)}, summary=_("Yêu cầu báo cáo"))
def report_create(request: HttpRequest, payload: ReportIn) -> tuple[int, dict[str, Any]]:
    """Queue a report (Word, Excel or PDF) for a unit in the caller's scope; poll GET /reports/{id}."""
    unit = required_unit(request, payload.unit, "unit")
    by_days = payload.date_from is not None or payload.date_to is not None
    if by_days and (payload.year_from is not None or payload.year_to is not None):
        raise ValidationError(
            {"date_from": [_("Hãy chọn kỳ theo năm (year_from, year_to) hoặc theo ngày (date_from, date_to).")]}
        )
    if not by_days and (payload.year_from is None or payload.year_to is None):
        raise ValidationError({"year_from": [_("Hãy cho year_from và year_to, hoặc date_from và date_to.")]})
    report = report_request(
        by=caller(request),
        unit=unit,
        year_from=payload.year_from,
        year_to=payload.year_to,
        date_from=payload.date_from,
        date_to=payload.date_to,
        round_id=payload.round,
        format=payload.format,
        layout=payload.layout,
    )
    return 202, report_item(report)


@router.get("/reports/{id}", response={200: ReportOut, **error_responses(400, 401, 404)}, summary=_("Một báo cáo"))
def report_detail(request: HttpRequest, id: Id) -> dict[str, Any]:
    return report_item(access_report(user=caller(request), report_id=id))


# The report file's media type by its format: what the OpenAPI document declares and the response says.
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@router.get(
    "/reports/{id}/file",
    response=error_responses(400, 401, 404),
    url_name="report_file",
    summary=_("Tệp báo cáo"),
    openapi_extra={
        "responses": {
            "200": {
                "description": "OK",
                "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in MEDIA_TYPES.values()},
            }
        }
    },
)
def report_file(request: HttpRequest, id: Id) -> HttpResponseBase:
    """The generated file, to the same token that asked for it."""
    report = access_report(user=caller(request), report_id=id)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(_("Báo cáo chưa tạo xong. Hãy hỏi lại GET /api/v1/reports/{id}."))
    return FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report.filename, content_type=MEDIA_TYPES[report.format]
    )
