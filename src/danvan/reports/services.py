"""Writes of the reports app: asking for a report, and generating it (the background task's body)."""

import calendar
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.actors import Actor
from danvan.core.formatting import unit_in_sentence, vn_date, vn_number
from danvan.core.jobs import job_begin, job_condition, job_fail, job_finish, job_requeue, job_save, may_retry
from danvan.core.text import nfc
from danvan.documents.language import in_document_language
from danvan.orgs.access import has_role, is_root
from danvan.orgs.models import Role, Unit
from danvan.reports.models import Report, ReportText
from danvan.reports.parts import rounds_for
from danvan.reports.periods import Period
from danvan.reports.tasks import generate_report

MIN_YEAR = 2010


def validate_period(*, year_from: Any, year_to: Any, first_half: bool = False) -> Period:
    """A period from user input, or a ValidationError saying what is wrong and what to do."""
    this_year = timezone.localdate().year
    errors: dict[str, list[str]] = {}
    try:
        start, end = int(year_from), int(year_to)
    except (TypeError, ValueError):
        raise ValidationError({"year_from": [_("Năm phải là số có bốn chữ số, ví dụ 2025.")]}) from None
    if not MIN_YEAR <= start <= this_year + 1:
        errors["year_from"] = [_("Năm bắt đầu phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": this_year + 1}]
    if not MIN_YEAR <= end <= this_year + 5:
        errors["year_to"] = [_("Năm kết thúc phải từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": this_year + 5}]
    if not errors and end < start:
        errors["year_to"] = [_("Năm kết thúc phải bằng hoặc sau năm bắt đầu.")]
    if not errors and first_half and start != end:
        errors["year_to"] = [_("“6 tháng đầu năm” chỉ áp dụng cho một năm: hãy chọn cùng một năm.")]
    if errors:
        raise ValidationError(errors)
    return Period(start, end, first_half)


def validate_dates(*, date_from: Any, date_to: Any) -> Period:
    """A period given by its first and last day ("6 tháng đầu năm 2026": 2026-01-01 to 2026-06-30): whole
    months, since the statistics are kept by month; or a ValidationError saying what to change."""
    this_year = timezone.localdate().year
    if not isinstance(date_from, datetime.date) or not isinstance(date_to, datetime.date):
        raise ValidationError({"date_from": [_("Hãy nhập cả ngày bắt đầu và ngày kết thúc của kỳ (dd/mm/yyyy).")]})
    errors: dict[str, list[str]] = {}
    if not MIN_YEAR <= date_from.year <= this_year + 1:
        errors["date_from"] = [
            _("Ngày bắt đầu phải trong các năm từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": this_year + 1}
        ]
    elif date_from.day != 1:
        errors["date_from"] = [
            _("Số liệu được tổng hợp theo tháng: kỳ phải bắt đầu từ ngày đầu tháng, ví dụ %(day)s.")
            % {"day": vn_date(date_from.replace(day=1))}
        ]
    last_day = calendar.monthrange(date_to.year, date_to.month)[1]
    if not MIN_YEAR <= date_to.year <= this_year + 5:
        errors["date_to"] = [
            _("Ngày kết thúc phải trong các năm từ %(min)s đến %(max)s.") % {"min": MIN_YEAR, "max": this_year + 5}
        ]
    elif date_to.day != last_day:
        errors["date_to"] = [
            _("Số liệu được tổng hợp theo tháng: kỳ phải kết thúc vào ngày cuối tháng, ví dụ %(day)s.")
            % {"day": vn_date(date_to.replace(day=last_day))}
        ]
    if not errors and date_to < date_from:
        errors["date_to"] = [_("Ngày kết thúc phải sau ngày bắt đầu.")]
    if errors:
        raise ValidationError(errors)
    return Period.of_dates(date_from, date_to)


def period_from_input(
    *, year_from: Any = None, year_to: Any = None, date_from: Any = None, date_to: Any = None
) -> Period:
    """The period of a request that gives either years or days (not both): ../shared/API.md."""
    if date_from is not None or date_to is not None:
        if year_from is not None or year_to is not None:
            raise ValidationError(
                {"date_from": [_("Hãy chọn kỳ theo năm (year_from, year_to) hoặc theo ngày (date_from, date_to).")]}
            )
        return validate_dates(date_from=date_from, date_to=date_to)
    this_year = timezone.localdate().year
    start = year_from if year_from is not None else (year_to if year_to is not None else this_year)
    end = year_to if year_to is not None else (year_from if year_from is not None else this_year)
    return validate_period(year_from=start, year_to=end)


@transaction.atomic
def report_request(
    *,
    by: Actor,
    unit: Unit,
    year_from: int | None,
    year_to: int | None,
    format: str,
    layout: str = Report.Layout.STATE,
    first_half: bool = False,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    round_id: int | None = None,
) -> Report:
    """Queue a report for `unit` and the period; the worker (`uv run danvan db_worker`) makes the file."""
    if not has_role(by, unit):
        raise PermissionDenied(_("Bạn chỉ được lập báo cáo cho đơn vị trong phạm vi của mình."))
    errors: dict[str, list[str]] = {}
    if format not in Report.Format.values:
        errors["format"] = [_("Định dạng phải là docx, xlsx hoặc pdf.")]
    if layout not in Report.Layout.values:
        errors["layout"] = [_("Thể thức phải là state (cơ quan nhà nước) hoặc party (cơ quan Đảng).")]
    try:
        if date_from is not None or date_to is not None:
            period = validate_dates(date_from=date_from, date_to=date_to)
        else:
            period = validate_period(year_from=year_from, year_to=year_to, first_half=first_half)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if round_id is not None and round_id not in dict(rounds_for(unit)):
        errors["round"] = [
            _("Đợt báo cáo số %(id)s không phải của %(unit)s; hãy chọn một đợt do đơn vị mở.")
            % {"id": round_id, "unit": unit_in_sentence(unit.name)}
        ]
    if errors:
        raise ValidationError(errors)
    report = Report.objects.create(
        owner=by,
        unit=unit,
        year_from=period.year_from,
        year_to=period.year_to,
        first_half=period.first_half,
        month_from=period.month_from,
        month_to=period.month_to,
        reporting_round=round_id,
        format=format,
        layout=layout,
    )
    transaction.on_commit(lambda: generate_report.enqueue(report_id=report.pk))
    return report


@in_document_language
def render_report(
    *,
    unit: Unit,
    period: Period,
    format: str,
    layout: str,
    number: str = "",
    day: datetime.date | None = None,
    round_id: int | None = None,
) -> bytes:
    """The document's bytes (used by the task and by `uv run danvan report`)."""
    from danvan.reports.documents import RENDERERS
    from danvan.reports.writing import build_report_content

    content = build_report_content(unit=unit, period=period, layout=layout, number=number, day=day, round_id=round_id)
    return RENDERERS[format](content)


def report_generate(*, report_id: int) -> Report:
    """Make the file of a queued report, recording running → done (or failed) and the progress."""
    report = Report.objects.select_related("unit").get(pk=report_id)
    if report.status == Report.Status.DONE:
        return report
    job_begin(report, status=Report.Status.RUNNING, progress=10)
    try:
        period = report.period
        data = render_report(
            unit=report.unit,
            period=period,
            format=report.format,
            layout=report.layout,
            round_id=report.reporting_round,
        )
        job_save(report, progress=80)
        name = f"{report.unit.code}-{report.filename}"
        report.file.save(name, ContentFile(data), save=False)
        job_finish(report, status=Report.Status.DONE, file=report.file.name)
    except Exception as exc:
        job_fail(
            report,
            error=_("Không tạo được báo cáo: %(error)s. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị hệ thống.")
            % {"error": exc},
        )
        raise
    return report


@transaction.atomic
def report_retry(*, by: Actor, report: Report) -> Report:
    """Queue again a report that failed or whose worker stopped (its status offers it)."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.owner_id != getattr(by, "pk", None) and not is_root(by):
        raise PermissionDenied(_("Chỉ người đã yêu cầu báo cáo mới tạo lại được báo cáo này."))
    if not may_retry(report, job_condition(report)):
        raise PermissionDenied(_("Báo cáo này đang được tạo hoặc đã xong; không cần thử lại."))
    job_requeue(report)
    return report


TEXT_LIMIT = 20_000


@transaction.atomic
def report_text_save(
    *, by: Actor, unit: Unit, period: Period, evaluation: str, direction: str, proposals: str
) -> ReportText:
    """Keep what the unit writes itself for its report of the period (sections II–IV), before the document
    is made. The unit's staff only (not a viewer)."""
    if not has_role(by, unit, [Role.OFFICER, Role.ADMIN, Role.REVIEWER, Role.APPROVER]):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị mới viết được nội dung báo cáo của đơn vị."))
    values = {"evaluation": evaluation, "direction": direction, "proposals": proposals}
    errors = {
        name: [_("Tối đa %(n)s ký tự.") % {"n": vn_number(TEXT_LIMIT)}]
        for name, value in values.items()
        if len(value) > TEXT_LIMIT
    }
    if errors:
        raise ValidationError(errors)
    text, _created = ReportText.objects.select_for_update().get_or_create(
        unit=unit,
        year_from=period.year_from,
        month_from=period.month_from,
        year_to=period.year_to,
        month_to=period.month_to,
    )
    for name, value in values.items():
        setattr(text, name, nfc(value).strip())
    text.updated_by = by if getattr(by, "pk", None) else None
    text.save()
    return text
