from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.confirm import confirm_page, confirmed
from danvan.core.formatting import unit_in_sentence, vn_date
from danvan.core.forms import add_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives.services import TransitionNotAllowed
from danvan.rounds import selectors, services
from danvan.rounds.access import (
    access_round,
    access_submission,
    may_fill,
    may_manage,
    may_open_rounds,
    rounds_visible_to,
)
from danvan.rounds.exports import round_workbook
from danvan.rounds.forms import ReviewForm, RoundForm, SubmissionForm, initial_for
from danvan.rounds.models import IndicatorSet, RoundStatus
from danvan.rounds.workflow import TRANSITIONS


def _gate(request: HttpRequest, pk: int, code: str):  # type: ignore[no-untyped-def]
    the_round = access_round(user=request.user, round_id=pk)
    try:
        return the_round, access_submission(user=request.user, round=the_round, unit_code=code)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from None


@login_required
@require_GET
def round_list(request: SignedInRequest) -> HttpResponse:
    context = {
        "to_fill": selectors.submissions_to_fill(request.user)[:100],
        "rounds": rounds_visible_to(request.user).select_related("unit").order_by("-due", "-pk")[:100],
        "can_open": may_open_rounds(request.user),
    }
    return render(request, "rounds/round_list.html", context)


def _open_confirmation(request: SignedInRequest, data: dict[str, Any]) -> HttpResponse:
    unit = data["unit"]
    said = {
        "title": data["title"],
        "n": selectors.units_asked(unit).count(),
        "unit": unit_in_sentence(unit),
        "start": vn_date(data["date_from"]),
        "end": vn_date(data["date_to"]),
        "due": vn_date(data["due"]),
    }
    return confirm_page(
        request,
        title=_("Xác nhận mở đợt báo cáo"),
        consequences=[
            _(
                "Đợt “%(title)s” sẽ yêu cầu %(n)s đơn vị trực thuộc %(unit)s gửi báo cáo kỳ %(start)s - %(end)s, "
                "hạn %(due)s; cán bộ của các đơn vị này nhận thông báo ngay."
            )
            % said,
            _("Đợt báo cáo đã mở không xóa hay rút lại được."),
        ],
        action=_("Mở đợt báo cáo"),
        back=reverse("rounds-list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: SignedInRequest) -> HttpResponse:
    if not may_open_rounds(request.user):
        raise PermissionDenied(_("Bạn chưa có vai trò nào để mở đợt báo cáo."))
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if not confirmed(request):
            return _open_confirmation(request, form.cleaned_data)
        try:
            created = services.round_open(by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            add_errors(form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc)))
        else:
            messages.success(request, _("Đã mở đợt báo cáo và thông báo cho các đơn vị."))
            return redirect("rounds-detail", pk=created.pk)
    return render(request, "rounds/round_form.html", {"form": form})


@login_required
@require_GET
def round_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    the_round = access_round(user=request.user, round_id=pk)
    manager = may_manage(request.user, the_round)
    context: dict[str, object] = {"round": the_round, "manager": manager}
    if manager:
        indicators = selectors.round_indicators(the_round)
        totals = selectors.round_totals(the_round, indicators=indicators)
        context.update(
            board=selectors.round_board(the_round),
            totals=[(i, totals.get(i.code)) for i in indicators],
        )
    else:
        context["mine"] = [s for s in selectors.submissions_to_fill(request.user) if s.round_id == the_round.pk]
    return render(request, "rounds/round_detail.html", context)


@login_required
@require_POST
def round_close_view(request: SignedInRequest, pk: int) -> HttpResponse:
    """The round's unit ends it: no report is sent or returned any more, and no reminder goes out."""
    the_round = access_round(user=request.user, round_id=pk)
    if not may_manage(request.user, the_round):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị mở đợt báo cáo mới kết thúc được đợt này."))
    if the_round.status != RoundStatus.OPEN:
        messages.info(request, _("Đợt báo cáo này đã kết thúc."))
        return redirect("rounds-detail", pk=the_round.pk)
    if not confirmed(request):
        missing = selectors.round_board(the_round).missing
        return confirm_page(
            request,
            title=_("Xác nhận kết thúc đợt báo cáo"),
            consequences=[
                _(
                    "Đợt “%(title)s” sẽ kết thúc: các đơn vị không gửi hay sửa báo cáo được nữa, không còn nhắc hạn; "
                    "số liệu tổng hợp giữ nguyên những báo cáo đã gửi."
                )
                % {"title": the_round.title},
                ngettext(
                    "%(n)s đơn vị chưa gửi báo cáo.",
                    "%(n)s đơn vị chưa gửi báo cáo.",
                    len(missing),
                )
                % {"n": len(missing)},
                _("Đợt đã kết thúc không mở lại được."),
            ],
            action=_("Kết thúc đợt báo cáo"),
            back=reverse("rounds-detail", args=[the_round.pk]),
        )
    services.round_close(by=request.user, the_round=the_round)
    messages.success(request, _("Đã kết thúc đợt báo cáo “%(title)s”.") % {"title": the_round.title})
    return redirect("rounds-detail", pk=the_round.pk)


@login_required
@require_GET
def round_export(request: SignedInRequest, pk: int) -> HttpResponseBase:
    the_round = access_round(user=request.user, round_id=pk)
    if not may_manage(request.user, the_round):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị mở đợt báo cáo tải được bảng tổng hợp."))
    return round_workbook(the_round)


@login_required
@require_http_methods(["GET", "POST"])
def submission_edit(request: SignedInRequest, pk: int, code: str) -> HttpResponse:
    the_round, submission = _gate(request, pk, code)
    can_fill = may_fill(request.user, submission)
    if request.method == "POST" and not can_fill:
        raise PermissionDenied(_("Bạn không có quyền lập báo cáo của “%(name)s”.") % {"name": submission.unit.name})
    indicators = selectors.round_indicators(the_round)
    values = selectors.submission_values(submission, indicators)
    form = SubmissionForm(
        request.POST or None,
        initial=initial_for(submission, values),
        the_round=the_round,
        indicators=indicators,
        submission=submission,
    )
    if request.method == "POST" and form.is_valid():
        send = request.POST.get("action") == "send"
        try:
            services.submission_save(by=request.user, submission=submission, data=form.to_input(), send=send)
        except ValidationError as exc:
            form.add_service_errors(exc)
        except TransitionNotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã gửi báo cáo.") if send else _("Đã lưu bản nháp."))
            return redirect("rounds-submission", pk=the_round.pk, code=submission.unit.code)
    context = {
        "round": the_round,
        "submission": submission,
        "form": form,
        "rates": [(i, values.get(i.code)) for i in indicators if i.is_derived],
        "can_fill": can_fill and submission.status in ("pending", "draft", "returned"),
        "can_review": may_manage(request.user, the_round),
        "review_form": ReviewForm(),
        "events": [
            (e, TRANSITIONS[e.action].label if e.action in TRANSITIONS else e.action)
            for e in submission.events.select_related("by").order_by("at", "pk")
        ],
    }
    return render(request, "rounds/submission_form.html", context)


@login_required
@require_POST
def submission_review_view(request: SignedInRequest, pk: int, code: str) -> HttpResponse:
    the_round, submission = _gate(request, pk, code)
    if not may_manage(request.user, the_round):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị mở đợt báo cáo tiếp nhận hoặc trả lại báo cáo."))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Hãy chọn tiếp nhận hoặc trả lại."))
    accept = form.cleaned_data["action"] == "accept"
    try:
        services.submission_review(
            by=request.user, submission=submission, accept=accept, note=form.cleaned_data["note"]
        )
    except (ValidationError, TransitionNotAllowed) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else exc.message)
    else:
        messages.success(request, _("Đã tiếp nhận báo cáo.") if accept else _("Đã trả lại báo cáo cho đơn vị."))
    return redirect("rounds-submission", pk=the_round.pk, code=submission.unit.code)


@login_required
@require_GET
def indicator_set_list(request: SignedInRequest) -> HttpResponse:
    sets = IndicatorSet.objects.prefetch_related("indicators").order_by("name")
    return render(request, "rounds/indicator_sets.html", {"sets": sets})
