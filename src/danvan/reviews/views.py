"""The reviewer's pages: the queue addressed to their level, the score sheet, the bulk decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives.access import access_initiative
from danvan.initiatives.forms import ActionForm
from danvan.initiatives.selectors import available_transitions
from danvan.initiatives.services import TransitionNotAllowed
from danvan.movements.selectors import criteria_set_for
from danvan.orgs.selectors import filter_scope, filter_units
from danvan.reviews import selectors, services
from danvan.reviews.forms import BulkRecognizeForm, QueueFilterForm, ScoreForm
from danvan.reviews.models import Review, score_text

PAGE_SIZE = 25


def require_reviewer(request: HttpRequest) -> None:
    if not selectors.may_review_somewhere(request.user):
        raise PermissionDenied(_("Chỉ người thẩm định hoặc phê duyệt mới có danh sách bình xét."))


@login_required
@require_GET
def review_queue(request: SignedInRequest) -> HttpResponse:
    require_reviewer(request)
    form = QueueFilterForm(request.GET or None, units=filter_units(request.user), scope=filter_scope(request.user))
    rows = selectors.review_queue(user=request.user, filters=form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "is_approver": selectors.is_approver(request.user)}
    template = "reviews/queue.html#rows" if request.htmx else "reviews/queue.html"
    return render(request, template, context)


@login_required
@require_POST
def review_bulk_recognize(request: SignedInRequest) -> HttpResponse:
    require_reviewer(request)
    form = BulkRecognizeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("reviews-queue")
    if not confirmed(request) and selectors.is_approver(request.user):
        preview = selectors.recognition_preview(user=request.user, initiative_ids=form.cleaned_data["ids"])
        if preview.ready:
            return _bulk_confirmation(request, preview)
    outcome = services.review_recognize_many(
        by=request.user, initiative_ids=form.cleaned_data["ids"], note=form.cleaned_data["note"]
    )
    if outcome.done:
        n = len(outcome.done)
        messages.success(request, ngettext("Đã công nhận %(n)s mô hình.", "Đã công nhận %(n)s mô hình.", n) % {"n": n})
    if outcome.unscored:
        messages.error(
            request,
            ngettext(
                "Không công nhận %(n)s mô hình chưa có phiếu chấm điểm: %(titles)s. "
                "Hãy chấm điểm rồi công nhận; các mô hình đã chấm trong lượt chọn vẫn được công nhận.",
                "Không công nhận %(n)s mô hình chưa có phiếu chấm điểm: %(titles)s. "
                "Hãy chấm điểm rồi công nhận; các mô hình đã chấm trong lượt chọn vẫn được công nhận.",
                len(outcome.unscored),
            )
            % {"n": len(outcome.unscored), "titles": "; ".join(f"“{i.title}”" for i in outcome.unscored)},
        )
    for initiative, reason in outcome.failed:  # a refusal of the workflow names the initiative itself
        messages.error(request, reason if initiative.title in reason else f"{initiative.title}: {reason}")
    if outcome.missing:
        messages.warning(request, _("%(n)s mô hình không còn trong danh sách chờ của bạn.") % {"n": outcome.missing})
    return redirect("reviews-queue")


def _bulk_confirmation(request: HttpRequest, preview: selectors.RecognitionPreview) -> HttpResponse:
    n = len(preview.ready)
    consequences = [
        ngettext(
            "%(n)s mô hình sau sẽ được công nhận ở cấp bạn đang bình xét, với ngày hôm nay; đơn vị được báo tin "
            "và mô hình hiện trên thư viện công khai. Việc công nhận không hoàn tác được.",
            "%(n)s mô hình sau sẽ được công nhận ở cấp bạn đang bình xét, với ngày hôm nay; đơn vị được báo tin "
            "và mô hình hiện trên thư viện công khai. Việc công nhận không hoàn tác được.",
            n,
        )
        % {"n": n}
    ]
    if note := request.POST.get("note", "").strip():
        consequences.append(_("Ghi chú gửi kèm: %(note)s") % {"note": note})
    return confirm_page(
        request,
        title=ngettext("Xác nhận công nhận %(n)s mô hình", "Xác nhận công nhận %(n)s mô hình", n) % {"n": n},
        consequences=consequences,
        items=[f"{i.title} — {i.unit.name}" for i in preview.ready],
        refused=[
            *(
                _("%(title)s — chưa có phiếu chấm điểm, chưa công nhận được") % {"title": i.title}
                for i in preview.unscored
            ),
            *(reason for _initiative, reason in preview.below),
        ],
        action=_("Công nhận"),
        back=reverse("reviews-queue"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_score(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = access_initiative(user=request.user, initiative_id=pk)
    require_reviewer(request)
    criteria_set = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id)
    if criteria_set is None:
        raise PermissionDenied(_("Chưa có bộ tiêu chí cho loại này. Hãy báo quản trị thiết lập tiêu chí."))
    mine = Review.objects.filter(
        initiative=initiative, level=initiative.review_level, reviewer_id=request.user.pk
    ).first()
    form = ScoreForm(request.POST or None, criteria_set=criteria_set, review=mine)
    status = 200
    if request.method == "POST" and form.is_valid():
        with service_errors(form, refusals={TransitionNotAllowed: 409}):
            services.review_save(
                by=request.user, initiative=initiative, scores=form.scores(), comment=form.cleaned_data["comment"]
            )
            messages.success(request, _("Đã lưu phiếu chấm điểm. Bây giờ hãy quyết định."))
            return redirect("reviews-score", pk=initiative.pk)
    if form.errors:
        status = 400
    context = {
        "initiative": initiative,
        "form": form,
        "criteria_set": criteria_set,
        "my_review": mine,
        "max_total_text": score_text(form.max_total()),
        "attachments": list(initiative.attachments.all()),
        "reviews": selectors.reviews_of(initiative),
        "transitions": available_transitions(request.user, initiative),
        "action_form": ActionForm(),
        "next_url": reverse("reviews-queue"),
    }
    return render(request, "reviews/score.html", context, status=status)
