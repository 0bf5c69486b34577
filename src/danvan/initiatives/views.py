"""Initiative pages: thin views over the gates in access.py, selectors and services."""

from pathlib import PurePosixPath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives import selectors, services
from danvan.initiatives.access import (
    access_attachment,
    access_initiative,
    access_public_original,
    may_edit,
    may_enter_historical,
    may_fire,
    may_register,
    may_send,
)
from danvan.initiatives.files import content_type_of
from danvan.initiatives.forms import ActionForm, AttachmentForm, HistoricalForm, InitiativeFilterForm, InitiativeForm
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.workflow import OWNER_EDITS, SEND, TRANSITIONS, dossier_missing
from danvan.orgs.models import Role
from danvan.orgs.selectors import filter_scope, filter_units, picker_units

PAGE_SIZE = 25


@login_required
@require_GET
def initiative_list(request: SignedInRequest) -> HttpResponse:
    form = InitiativeFilterForm(request.GET or None, units=filter_units(request.user), scope=filter_scope(request.user))
    rows = selectors.initiative_list(user=request.user, filters=form.filters())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "initiatives/initiative_list.html#rows" if request.htmx else "initiatives/initiative_list.html"
    context = {"form": form, "page": page, "may_register": may_register(request.user)}
    return render(request, template, {**context, "may_historical": may_enter_historical(request.user)})


def detail_context(request: HttpRequest, initiative: Initiative, action_form: ActionForm | None = None) -> dict:
    user = request.user
    events = selectors.initiative_timeline(initiative)
    sending = may_send(user, initiative)
    # the registering side sends in one action ("Gửi"): its steps are not offered one by one
    transitions = [t for t in selectors.available_transitions(user, initiative) if t.action not in SEND.actions]
    return {
        "initiative": initiative,
        "attachments": list(initiative.attachments.all()),
        "events": events,
        "return_note": next((e.note for e in reversed(events) if e.action == "return"), "")
        if initiative.status == Status.RETURNED
        else "",
        "transitions": transitions,
        "may_score": initiative.status == Status.UNDER_REVIEW and may_fire(user, initiative, TRANSITIONS["recognize"]),
        "action_form": action_form or ActionForm(),
        "attachment_form": AttachmentForm(),
        "may_edit": may_edit(user, initiative),
        "may_send": sending,
        "send": SEND,
        "missing": dossier_missing(initiative) if sending and initiative.status in OWNER_EDITS else [],
        "similar": selectors.similar_initiatives(
            title=initiative.title, unit=initiative.unit, year=initiative.year, exclude_pk=initiative.pk
        )
        if initiative.status == Status.DRAFT
        else [],
    }


@login_required
@require_GET
def initiative_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = access_initiative(user=request.user, initiative_id=pk)
    return render(request, "initiatives/initiative_detail.html", detail_context(request, initiative))


@login_required
@require_POST
def initiative_act(request: SignedInRequest, pk: int) -> HttpResponse:
    form = ActionForm(request.POST)
    status = 400
    if form.is_valid():
        d = form.cleaned_data
        if (asking := _confirmation(request, pk, d)) is not None:
            return asking
        with service_errors(form, refusals={services.TransitionNotAllowed: 409}) as outcome:
            after = services.initiative_act(
                by=request.user,
                initiative_id=pk,  # read once, through the gate, locked
                action=d["action"],
                note=d["note"],
                expected_status=d["expected_status"] or None,
            )
            messages.success(request, TRANSITIONS[d["action"]].outcome(after, d["note"]))
            return redirect(safe_next(request, d["next"]) or "initiatives-detail", pk=after.pk)
        status = outcome.status
    else:
        form.add_error(None, _("Không rõ thao tác: hãy tải lại trang rồi bấm một nút thao tác."))
    initiative = access_initiative(user=request.user, initiative_id=pk)
    context = detail_context(request, initiative, form)
    return render(request, "initiatives/initiative_detail.html", context, status=status)


@login_required
@require_POST
def initiative_send(request: SignedInRequest, pk: int) -> HttpResponse:
    """The registering side's one action from the initiative's page: register if a draft, and send."""
    form = ActionForm(request.POST)
    expected = form.cleaned_data.get("expected_status") if form.is_valid() else None
    with service_errors(form, refusals={services.TransitionNotAllowed: 409}) as outcome:
        path = SEND.path(access_initiative(user=request.user, initiative_id=pk).status)
        sent = services.initiative_send(by=request.user, initiative_id=pk, expected_status=expected or None)
        messages.success(request, path[-1].outcome(sent))
        return redirect("initiatives-detail", pk=sent.pk)
    initiative = access_initiative(user=request.user, initiative_id=pk)
    context = detail_context(request, initiative, form)
    return render(request, "initiatives/initiative_detail.html", context, status=outcome.status)


def _confirmation(request: HttpRequest, pk: int, d: dict[str, Any]) -> HttpResponse | None:
    """The confirmation page before an irreversible transition the person may fire now; None when there
    is nothing to ask (a refusal is left to the service, which says why)."""
    transition = TRANSITIONS.get(d["action"])
    if transition is None or not transition.confirm or confirmed(request):
        return None
    initiative = access_initiative(user=request.user, initiative_id=pk)
    if (
        not transition.available(initiative)
        or not may_fire(request.user, initiative, transition)
        or transition.unmet(initiative)
        or (transition.note_required and not d["note"].strip())
    ):
        return None
    level = initiative.get_review_level_display().lower()
    consequences = [str(transition.confirm) % {"title": initiative.title, "level": level}]
    if d["note"].strip():
        consequences.append(_("Ghi chú gửi kèm: %(note)s") % {"note": d["note"].strip()})
    return confirm_page(
        request,
        title=_("Xác nhận: %(action)s") % {"action": transition.label},
        consequences=consequences,
        action=transition.label,
        back=safe_next(request, d["next"]) or reverse("initiatives-detail", args=[pk]),
    )


def safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False)
    return url if url and allowed and url.startswith("/") else ""


def _save(
    request: SignedInRequest, form: InitiativeForm, initiative: Initiative | None, original: Initiative | None = None
) -> Initiative | None:
    """Validate, warn about similar titles before registering, and save through the service."""
    if not form.is_valid():
        return None
    register = "register" in request.POST or "send" in request.POST
    data = form.to_data()
    if original is not None:
        data.replicated_from = original
    if register and not form.cleaned_data["confirm_similar"]:
        similar = selectors.similar_initiatives(
            title=data.title, unit=data.unit, year=data.year, exclude_pk=initiative.pk if initiative else None
        )
        if similar:
            form.similar = similar  # type: ignore[attr-defined]
            form.add_error("confirm_similar", _("Đã có mô hình tên gần giống trong cùng đơn vị và năm. Hãy xem lại."))
            return None
    with service_errors(form):
        return services.initiative_save(
            by=request.user,
            initiative=initiative,
            data=data,
            register=register and "send" not in request.POST,  # sending registers through SEND's path
            files=form.cleaned_data["uploads"],
        )
    return None


def _saved(request: SignedInRequest, saved: Initiative) -> HttpResponse:
    """After a save: to the initiative, or, when "Gửi" was pressed, send it in the same step; a
    dossier that is not complete yet stays saved and the form says what is missing."""
    if "send" not in request.POST:
        messages.success(request, _("Đã lưu “%(title)s”.") % {"title": saved.title})
        return redirect("initiatives-detail", pk=saved.pk)
    path = SEND.path(saved.status)
    try:
        sent = services.initiative_send(by=request.user, initiative=saved)
    except (services.TransitionNotAllowed, PermissionDenied) as exc:
        reason = exc.message if isinstance(exc, services.TransitionNotAllowed) else str(exc)
        messages.warning(
            request, _("Đã lưu “%(title)s” nhưng chưa gửi. %(reason)s") % {"title": saved.title, "reason": reason}
        )
        return redirect("initiatives-edit", pk=saved.pk)
    messages.success(request, path[-1].outcome(sent))
    return redirect("initiatives-detail", pk=sent.pk)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: SignedInRequest) -> HttpResponse:
    if not may_register(request.user):
        raise PermissionDenied(_("Chỉ cán bộ hoặc quản trị của đơn vị mới đăng ký được mô hình, điển hình."))
    # Registering a model "replicated from" a public one: ?replicated_from=<public key> (nhân rộng).
    key = request.GET.get("replicated_from", "")
    original = access_public_original(public_key=key) if key else None
    form = InitiativeForm(request.POST or None, request.FILES or None, units=picker_units(request.user))
    if request.method == "POST" and (saved := _save(request, form, None, original)) is not None:
        return _saved(request, saved)
    context = {"form": form, "original": original}
    return render(request, "initiatives/initiative_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = access_initiative(user=request.user, initiative_id=pk)
    if not may_edit(request.user, initiative):
        raise PermissionDenied(
            _("Chỉ sửa được mô hình ở trạng thái nháp, đã đăng ký hoặc bị trả lại, trong phạm vi của bạn.")
        )
    units = picker_units(request.user)
    form = InitiativeForm(
        request.POST or None, request.FILES or None, units=units, initial=InitiativeForm.initial_from(initiative)
    )
    if request.method == "POST" and (saved := _save(request, form, initiative)) is not None:
        return _saved(request, saved)
    missing = dossier_missing(initiative) if may_send(request.user, initiative) else []
    context = {"form": form, "initiative": initiative, "missing": missing, "send": SEND}
    return render(request, "initiatives/initiative_form.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_historical(request: SignedInRequest) -> HttpResponse:
    if not may_enter_historical(request.user):
        raise PermissionDenied(_("Chỉ quản trị hoặc người phê duyệt mới nhập được số liệu lịch sử."))
    units = picker_units(request.user, roles=(Role.ADMIN, Role.APPROVER))
    form = HistoricalForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d: dict[str, Any] = form.cleaned_data
        with service_errors(form, field="unit"):
            saved = services.initiative_enter_historical(
                by=request.user,
                data=form.to_data(),
                status=d["status"],
                recognized_level=d["recognized_level"],
                recognized_on=d["recognized_on"],
                exemplary=d["exemplary"],
            )
            messages.success(request, _("Đã nhập số liệu lịch sử “%(title)s”.") % {"title": saved.title})
            return redirect("initiatives-detail", pk=saved.pk)
    return render(request, "initiatives/historical_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def attachment_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    initiative = access_initiative(user=request.user, initiative_id=pk)
    if not may_edit(request.user, initiative):
        raise PermissionDenied(
            _("Chỉ đơn vị đăng ký mới thêm được tệp, khi mô hình còn là nháp, đã đăng ký hoặc bị trả lại.")
        )
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with service_errors(form):
            added = services.attachments_add(by=request.user, initiative=initiative, files=form.cleaned_data["uploads"])
            messages.success(request, _("Đã thêm %(n)s tệp.") % {"n": len(added)})
            return redirect("initiatives-detail", pk=initiative.pk)
    context = {**detail_context(request, initiative), "attachment_form": form}
    return render(request, "initiatives/initiative_detail.html", context, status=400)


@login_required
@require_POST
def attachment_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    attachment = access_attachment(user=request.user, attachment_id=pk)
    if not confirmed(request) and may_edit(request.user, attachment.initiative):
        return confirm_page(
            request,
            title=_("Xác nhận gỡ tệp"),
            consequences=[
                _("Tệp “%(name)s” sẽ bị gỡ khỏi hồ sơ “%(title)s” và xóa khỏi máy chủ; không khôi phục được.")
                % {"name": attachment.original_name, "title": attachment.initiative.title},
                _("Nếu cần, bạn có thể tải tệp về máy trước khi gỡ."),
            ],
            action=_("Gỡ tệp"),
            back=reverse("initiatives-detail", args=[attachment.initiative_id]),
        )
    services.attachment_remove(by=request.user, attachment=attachment)
    messages.success(request, _("Đã gỡ tệp “%(name)s”.") % {"name": attachment.original_name})
    return redirect("initiatives-detail", pk=attachment.initiative_id)


@login_required
@require_GET
def attachment_file(request: SignedInRequest, pk: int, variant: str = "file") -> FileResponse:
    """Serve a stored file to whoever may see its initiative: never inline for documents, never sniffed."""
    attachment = access_attachment(user=request.user, attachment_id=pk)
    # A PDF or Word file has no thumbnail: the file itself is served, under its own name and type.
    thumbnail = variant == "thumbnail" and bool(attachment.thumbnail)
    stored = attachment.thumbnail if thumbnail else attachment.file
    inline = attachment.kind == attachment.Kind.IMAGE
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp này không còn trên máy chủ. Hãy báo đơn vị tải lên lại.")) from None
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename="anh-nho" + PurePosixPath(stored.name or "").suffix if thumbnail else attachment.original_name,
        content_type=content_type_of(stored.name or ""),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
