from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.accounts.tokens import bearer_user
from danvan.core.http import SignedInRequest
from danvan.core.jobs import job_wait_context
from danvan.orgs.access import access_unit, is_root, roles_of
from danvan.orgs.selectors import filter_scope, filter_units
from danvan.reports import dashboard as board
from danvan.reports.access import access_report
from danvan.reports.forms import REPORT_PARAM, PeriodForm, ReportForm, ReportTextForm, UnitJumpForm
from danvan.reports.models import Report
from danvan.reports.parts import rounds_for
from danvan.reports.services import report_request, report_text_save
from danvan.reports.services import report_retry as report_retry_service
from danvan.reports.writing import report_text


@login_required
@require_GET
def dashboard_home(request: SignedInRequest) -> HttpResponse:
    """The dashboard of the user's first scope (the highest unit where they hold a role)."""
    units = sorted({m.unit.path: m.unit for m in roles_of(request.user)}.items())
    if units:
        code = units[0][1].code
    elif is_root(request.user):
        code = "VN"
    else:
        raise PermissionDenied(_("Bạn chưa được giao vai trò ở đơn vị nào nên chưa có số liệu để xem."))
    query = request.GET.urlencode()
    return redirect(reverse("reports-dashboard", args=[code]) + (f"?{query}" if query else ""))


@login_required
@require_GET
def dashboard(request: SignedInRequest, code: str) -> HttpResponse:
    unit = access_unit(user=request.user, code=code, roles=board.ALL_ROLES)
    kept = UnitJumpForm.kept(request.GET)
    jump = UnitJumpForm(
        request.GET if UnitJumpForm.asked(request.GET) else None,
        units=filter_units(request.user),
        scope=filter_scope(request.user),
        initial={"don_vi": unit.code},
    )
    if jump.is_bound and jump.is_valid() and jump.cleaned_data["don_vi"].pk != unit.pk:
        target = reverse("reports-dashboard", args=[jump.cleaned_data["don_vi"].code])
        return redirect(f"{target}?{urlencode(kept)}" if kept else target)
    form = PeriodForm(QueryDict(urlencode(kept)) if kept else None)
    period = form.period()
    context: dict[str, Any] = board.dashboard_context(user=request.user, unit=unit, period=period)
    context.update(form=form, report_form=ReportForm(), jump=jump, kept=kept)
    if report_id := request.GET.get(REPORT_PARAM):
        # the report asked for without htmx (scripts not loaded yet, or none): its status in the page
        report = access_report(user=request.user, report_id=report_id)
        context.update(report=report, **job_wait_context(report))
    return render(request, "reports/dashboard.html", context)


@login_required
@require_POST
def report_create(request: SignedInRequest, code: str) -> HttpResponse:
    unit = access_unit(user=request.user, code=code, roles=board.ALL_ROLES)
    period = PeriodForm(request.GET or None).period()
    form = ReportForm(request.POST, rounds=rounds_for(unit) if request.POST.get("round") else None)
    report: Report | None = None
    if form.is_valid():
        try:
            report = report_request(
                by=request.user,
                unit=unit,
                year_from=None,
                year_to=None,
                date_from=period.start,
                date_to=period.end,
                format=form.cleaned_data["format"],
                layout=form.cleaned_data["layout"],
                round_id=form.cleaned_data.get("round"),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
    if not request.htmx:
        query = period.query()
        if report:
            query[REPORT_PARAM] = str(report.pk)
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(reverse("reports-dashboard", args=[unit.code]) + f"?{urlencode(query)}")
    context = {"report": report, "report_form": form, **job_wait_context(report)}
    return render(request, "reports/dashboard.html#report_status", context)


@login_required
@require_GET
def report_status(request: SignedInRequest, report_id: int) -> HttpResponse:
    report = access_report(user=request.user, report_id=report_id)
    return render(request, "reports/dashboard.html#report_status", {"report": report, **job_wait_context(report)})


@login_required
@require_POST
def report_retry(request: SignedInRequest, report_id: int) -> HttpResponse:
    """Queue again a report that failed or whose worker stopped."""
    report = access_report(user=request.user, report_id=report_id)
    report = report_retry_service(by=request.user, report=report)
    if not request.htmx:
        return redirect(reverse("reports-dashboard", args=[report.unit.code]) + f"?{REPORT_PARAM}={report.pk}")
    return render(request, "reports/dashboard.html#report_status", {"report": report, **job_wait_context(report)})


@require_GET
def report_download(request: HttpRequest, report_id: int) -> HttpResponse | FileResponse:
    user = bearer_user(request)
    if user is None:
        if request.headers.get("Authorization"):
            return HttpResponse(_("Mã truy cập không hợp lệ."), status=401)
        return redirect(f"{reverse('accounts-login')}?next={request.path}")
    report = access_report(user=user, report_id=report_id)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(_("Báo cáo chưa tạo xong. Hãy đợi trạng thái “Đã xong” rồi tải lại."))
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=f"{report.unit.code}-{report.filename}")


@login_required
@require_http_methods(["GET", "POST"])
def report_write(request: SignedInRequest, code: str) -> HttpResponse:
    """The unit writes its own sections (evaluation, direction, proposals) for the period's report, then
    makes the document, with the reporting round whose units' reports it includes."""
    unit = access_unit(user=request.user, code=code, roles=board.ALL_ROLES)
    period_form = PeriodForm(request.GET or None)
    period = period_form.period()
    query = urlencode(period.query())
    written = report_text(unit, period)
    initial = (
        {"evaluation": written.evaluation, "direction": written.direction, "proposals": written.proposals}
        if written
        else {}
    )
    form = ReportTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report_text_save(by=request.user, unit=unit, period=period, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu nội dung báo cáo %(period)s.") % {"period": period.label()})
            return redirect(reverse("reports-write", args=[unit.code]) + f"?{query}")
    context = {
        "unit": unit,
        "period": period,
        "query": query,
        "form": form,
        "written": written,
        "report_form": ReportForm(rounds=rounds_for(unit)),
    }
    return render(request, "reports/report_write.html", context)
