from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.awards import documents, selectors, services
from danvan.awards.access import MANAGERS, access_decision, may_manage
from danvan.awards.forms import DecisionFilterForm, DecisionForm, RevokeForm, initial_for
from danvan.awards.models import Decision
from danvan.core.actors import Visitor
from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives.picklist import is_filtering, pickable, recipient_choices, recipient_list, recipient_rows
from danvan.orgs.access import is_root, roles_of, scope_paths


def _require_manager(user: Visitor) -> None:
    if not (is_root(user) or scope_paths(user, MANAGERS)):
        raise PermissionDenied(_("Chỉ người phê duyệt hoặc quản trị đơn vị mới lập quyết định khen thưởng."))


def _decision_form(
    request: HttpRequest, initial: dict[str, Any] | None = None, decision: Decision | None = None
) -> tuple[DecisionForm, dict[str, Any]]:
    """The decision form, and the recipients' list to pick from (initiatives.picklist: searchable, narrowed
    by year, level, field and commune; its "Lọc" button re-shows the form without saving)."""
    issuer = decision.issuer_unit if decision else None
    data = request.POST or None
    picked = data.getlist("initiatives") if data else (initial or {}).get("initiatives", [])
    rows = recipient_rows(pickable(selectors.commendable_initiatives(request.user, issuer), data, picked))
    form = DecisionForm(
        request.POST or None, initial=initial, initiative_choices=recipient_choices(rows), user=request.user
    )
    return form, recipient_list(request.POST or None, rows, form["initiatives"].value() or [])


@login_required
@require_GET
def decision_list(request: SignedInRequest) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None, user=request.user)
    decisions = selectors.decision_list(user=request.user, **form.filters())
    page = Paginator(decisions, 50).get_page(request.GET.get("page"))
    template = "awards/decision_list.html#rows" if request.htmx else "awards/decision_list.html"
    may_create = is_root(request.user) or bool(scope_paths(request.user, MANAGERS))
    return render(request, template, {"form": form, "page": page, "may_create": may_create})


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: SignedInRequest) -> HttpResponse:
    _require_manager(request.user)
    home = next((m.unit.code for m in roles_of(request.user) if m.role in MANAGERS), "")
    form, recipients = _decision_form(request, {"issuer_unit": home, "date": timezone.localdate()})
    if request.method == "POST" and not is_filtering(request.POST) and form.is_valid():
        with service_errors(form):
            decision = services.decision_create(by=request.user, data=form.decision_data())
            messages.success(request, _("Đã lưu dự thảo quyết định %(number)s.") % {"number": decision.number})
            return redirect("awards-decision-detail", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form, **recipients})


@login_required
@require_GET
def decision_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    context = {
        "decision": decision,
        "groups": selectors.decision_awards(decision),
        "can_manage": may_manage(request.user, decision.issuer_unit),
        "corrections": decision.corrections.order_by("-date", "-pk"),
        "revocation": selectors.revocation_of(decision),
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    if not may_manage(request.user, decision.issuer_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa quyết định này."))
    if decision.is_issued:
        messages.error(
            request, _("Quyết định đã ban hành không sửa được. Nếu có sai sót, hãy lập quyết định đính chính.")
        )
        return redirect("awards-decision-detail", pk=decision.pk)
    form, recipients = _decision_form(request, initial_for(decision, list(decision.awards.all())), decision)
    if request.method == "POST" and not is_filtering(request.POST) and form.is_valid():
        with service_errors(form):
            decision = services.decision_update(by=request.user, decision=decision, data=form.decision_data())
            messages.success(request, _("Đã lưu dự thảo quyết định %(number)s.") % {"number": decision.number})
            return redirect("awards-decision-detail", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form, "decision": decision, **recipients})


@login_required
@require_POST
def decision_issue(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    if not confirmed(request) and not decision.is_issued and may_manage(request.user, decision.issuer_unit):
        return _issue_confirmation(request, decision)
    try:
        decision = services.decision_issue(by=request.user, decision=decision)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ban hành quyết định %(number)s.") % {"number": decision.number})
    return redirect("awards-decision-detail", pk=decision.pk)


def _issue_confirmation(request: HttpRequest, decision: Decision) -> HttpResponse:
    """What issuing does, said before it is done: who is commended, and that it cannot be edited after."""
    groups = selectors.decision_awards(decision)
    recipients = [*groups.collectives, *groups.individuals]
    values = {
        "number": decision.number,
        "date": decision.date.strftime("%d/%m/%Y"),
        "signer": decision.signer_name,
        "form": decision.award_form.name,
        "collectives": len(groups.collectives),
        "individuals": len(groups.individuals),
    }
    return confirm_page(
        request,
        title=_("Xác nhận ban hành quyết định %(number)s") % values,
        consequences=[
            _(
                "Quyết định số %(number)s ngày %(date)s do %(signer)s ký sẽ được ban hành: "
                "%(collectives)s tập thể và %(individuals)s cá nhân được tặng %(form)s."
            )
            % values,
            _(
                "Sau khi ban hành, quyết định không sửa được nữa: sai sót chỉ sửa bằng một quyết định đính chính, "
                "hoặc hủy bằng một quyết định hủy. Giấy khen in được ngay, mỗi giấy có mã để ai cũng kiểm tra được."
            ),
        ],
        # with the achievement: two models of one village have the same recipient and unit
        items=[" — ".join(part for part in (a.recipient_name, a.unit_name, a.achievement) if part) for a in recipients],
        action=_("Ban hành quyết định"),
        back=reverse("awards-decision-detail", args=[decision.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    old = access_decision(user=request.user, decision_id=pk)
    if not old.is_issued or not may_manage(request.user, old.issuer_unit):
        raise PermissionDenied(
            _("Chỉ người phê duyệt, quản trị của đơn vị ban hành mới đính chính được quyết định đã ban hành.")
        )
    form, recipients = _decision_form(request, {**initial_for(old, list(old.awards.all())), "number": ""}, old)
    if request.method == "POST" and not is_filtering(request.POST) and form.is_valid():
        with service_errors(form):
            decision = services.decision_create(by=request.user, corrects=old, data=form.decision_data())
            messages.success(
                request, _("Đã lập dự thảo quyết định đính chính %(number)s.") % {"number": decision.number}
            )
            return redirect("awards-decision-detail", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form, "corrects": old, **recipients})


@login_required
@require_http_methods(["GET", "POST"])
def decision_revoke(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    if not may_manage(request.user, decision.issuer_unit):
        raise PermissionDenied(_("Chỉ người phê duyệt, quản trị của đơn vị ban hành mới hủy được quyết định."))
    form = RevokeForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            revocation = services.decision_revoke(by=request.user, decision=decision, **form.cleaned_data)
            messages.success(request, _("Đã ban hành quyết định hủy %(number)s.") % {"number": revocation.number})
            return redirect("awards-decision-detail", pk=decision.pk)
    return render(request, "awards/revoke_form.html", {"form": form, "decision": decision})


@login_required
@require_GET
def decision_docx(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    response = HttpResponse(documents.decision_docx(decision), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{documents.docx_filename(decision)}"'
    return response


@login_required
@require_GET
def decision_certificates(request: SignedInRequest, pk: int) -> HttpResponse:
    decision = access_decision(user=request.user, decision_id=pk)
    if not decision.is_issued:
        messages.error(request, _("Chỉ in được giấy khen của quyết định đã ban hành. Hãy ban hành quyết định trước."))
        return redirect("awards-decision-detail", pk=decision.pk)
    verify_url = request.build_absolute_uri(reverse("awards-verify", args=["CODE"]))
    response = HttpResponse(documents.certificates_pdf(decision, verify_url=verify_url), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.certificates_filename(decision)}"'
    return response


@require_GET
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """Public: type the code printed on a certificate."""
    typed = request.GET.get("ma", "")
    # Only letters and digits make a code (people type spaces and dashes as printed): anything else,
    # a "/" included, is dropped, so the redirect always has a path it can build.
    code = "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[:32]
    if code:
        return redirect("awards-verify", code=code)
    if typed.strip():
        return render(request, "awards/verify.html", {"code": typed[:32], "not_found": True}, status=404)
    return render(request, "awards/verify.html", {"lookup": True})


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what a certificate certifies, and nothing private."""
    award = selectors.award_by_certificate_code(code)
    if award is None:
        return render(request, "awards/verify.html", {"code": code[:32], "not_found": True}, status=404)
    context = {
        "award": award,
        "decision": award.decision,
        "correction": selectors.latest_correction(award.decision),
        "revocation": selectors.revocation_of(award.decision),
    }
    return render(request, "awards/verify.html", context)
