from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.exports import Column, export_response
from danvan.core.forms import add_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives.services import TransitionNotAllowed
from danvan.keytasks import selectors, services
from danvan.keytasks.access import access_task, may_report, may_set_tasks, tasks_visible_to
from danvan.keytasks.forms import PeriodForm, ProgressForm, TaskForm
from danvan.keytasks.models import KeyTask
from danvan.orgs.models import Unit


def _filtered(request: HttpRequest) -> tuple[PeriodForm, QuerySet[KeyTask], Unit | None]:
    form = PeriodForm(request.GET or None, user=request.user)
    tasks = tasks_visible_to(request.user).select_related("unit", "owner_unit")
    unit = None
    if form.is_valid():
        data = form.cleaned_data
        if data["unit"]:
            unit = data["unit"]  # a unit of the user's scope: the form's choices are `filter_scope`
            tasks = tasks & selectors.tasks_of(unit)
        if data["date_from"]:
            tasks = tasks.filter(due__gte=data["date_from"])
        if data["date_to"]:
            tasks = tasks.filter(due__lte=data["date_to"])
    return form, tasks.order_by("due", "pk"), unit


@login_required
@require_GET
def task_list(request: SignedInRequest) -> HttpResponse:
    form, tasks, _unit = _filtered(request)
    today = timezone.localdate()
    rows = [(t, selectors.is_overdue(t, today)) for t in tasks[:300]]
    context = {"form": form, "rows": rows, "can_create": may_set_tasks(request.user), "query": request.GET.urlencode()}
    return render(request, "keytasks/task_list.html", context)


COLUMNS = [
    Column(gettext_lazy("Nhiệm vụ"), lambda t: t.title),
    Column(gettext_lazy("Đơn vị giao"), lambda t: t.unit.name),
    Column(gettext_lazy("Đơn vị chủ trì"), lambda t: t.owner_unit.name),
    Column(gettext_lazy("Thời hạn"), lambda t: t.due),
    Column(gettext_lazy("Sản phẩm, kết quả cần đạt"), lambda t: t.expected_result),
    Column(gettext_lazy("Tình trạng"), lambda t: t.get_status_display()),
    Column(gettext_lazy("Ngày hoàn thành"), lambda t: t.done_on),
    Column(gettext_lazy("Quá hạn"), lambda t: selectors.is_overdue(t)),
]


@login_required
@require_GET
def task_export(request: SignedInRequest) -> HttpResponseBase:
    _form, tasks, _unit = _filtered(request)
    return export_response(items=tasks, columns=COLUMNS, filename="nhiem-vu-trong-tam", fmt="xlsx", sheet=_("Nhiệm vụ"))


@login_required
@require_http_methods(["GET", "POST"])
def task_create_view(request: SignedInRequest) -> HttpResponse:
    if not may_set_tasks(request.user):
        raise PermissionDenied(_("Bạn chưa có vai trò nào để giao nhiệm vụ."))
    form = TaskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            add_errors(form, ValidationError(str(exc)))
        else:
            messages.success(request, _("Đã giao nhiệm vụ."))
            return redirect("keytasks-detail", pk=task.pk)
    return render(request, "keytasks/task_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def task_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    task = access_task(user=request.user, task_id=pk)
    can_report = may_report(request.user, task)
    form = ProgressForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        if not can_report:
            raise PermissionDenied(_("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
        if form.is_valid():
            try:
                services.task_report(by=request.user, task=task, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            except TransitionNotAllowed as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã ghi tiến độ."))
                return redirect("keytasks-detail", pk=task.pk)
    context: dict[str, Any] = {
        "task": task,
        "overdue": selectors.is_overdue(task),
        "updates": task.updates.select_related("by").order_by("at", "pk"),
        "form": form,
        "can_report": can_report and task.status != "done",
    }
    return render(request, "keytasks/task_detail.html", context)
