from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.awards.selectors import commendable_initiatives
from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.core.text import in_sentence
from danvan.initiatives.picklist import pickable, recipient_choices, recipient_list, recipient_rows
from danvan.proposals import documents, selectors, services
from danvan.proposals.access import (
    PROPOSERS,
    access_dossier_file,
    access_proposal,
    councils_visible_to,
    home_units,
    may_decide,
    may_decide_somewhere,
    may_propose,
    may_propose_somewhere,
)
from danvan.proposals.forms import CouncilForm, DecideForm, ProposalForm, UploadForm, VoteForm
from danvan.proposals.models import DocumentCode, Proposal, ProposalStatus


def _refused(request: SignedInRequest, form: forms.Form) -> None:
    """An action of the proposal's page (upload, submit) was refused: its reasons as messages on the page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@login_required
@require_GET
def proposal_list(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.proposal_list(user=request.user), 50).get_page(request.GET.get("page"))
    can_propose = may_propose_somewhere(request.user)
    return render(request, "proposals/proposal_list.html", {"page": page, "can_propose": can_propose})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: SignedInRequest) -> HttpResponse:
    if not may_propose_somewhere(request.user):
        raise PermissionDenied(_("Chỉ cán bộ, người phê duyệt hoặc quản trị đơn vị mới lập đề nghị khen thưởng."))
    units = list(home_units(request.user, PROPOSERS))
    # the recognised models to tick: a list to search and narrow (its "Lọc" button saves nothing)
    posted = request.POST or None
    commendable = commendable_initiatives(request.user, units[0] if len(units) == 1 else None)
    rows = recipient_rows(pickable(commendable, posted, posted.getlist("initiatives") if posted else []))
    form = ProposalForm(
        request.POST or None,
        initial={"date": timezone.localdate()},
        user=request.user,
        initiatives=recipient_choices(rows),
    )
    recipients = recipient_list(request.POST or None, rows, form["initiatives"].value() or [])
    status = 200
    if request.method == "POST" and not recipients["filtering"] and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            proposal = services.proposal_create(
                by=request.user,
                unit=data["unit"],
                to_unit=data["to_unit"],
                award_form=data["award_form"],
                items=form.items(),
                date=data["date"],
                number=data["number"],
            )
            messages.success(request, _("Đã lập đề nghị. Hãy tải lên bản ký của các văn bản trong hồ sơ."))
            return redirect("proposals-detail", pk=proposal.pk)
        status = outcome.status
    elif request.method == "POST" and not recipients["filtering"] and form.errors:
        status = 400
    return render(request, "proposals/proposal_form.html", {"form": form, **recipients}, status=status)


@login_required
@require_GET
def proposal_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    context = {
        "proposal": proposal,
        "items": selectors.proposal_items(proposal),
        "checklist": selectors.dossier_checklist(proposal),
        "missing": [DocumentCode(c).label for c in selectors.missing_documents(proposal)],
        "can_propose": may_propose(request.user, proposal.unit),
        "can_decide": may_decide(request.user, proposal.to_unit),
        "upload_form": UploadForm(),
    }
    return render(request, "proposals/proposal_detail.html", context)


@login_required
@require_GET
def proposal_document(request: SignedInRequest, pk: int, code: str) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if code not in documents.BUILDERS:
        raise Http404(_("Hồ sơ không có văn bản này."))
    response = HttpResponse(documents.dossier_docx(proposal, code), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{documents.dossier_filename(proposal, code)}"'
    return response


@login_required
@require_POST
def proposal_upload(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if not (may_propose(request.user, proposal.unit) or may_decide(request.user, proposal.to_unit)):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị đề nghị hoặc của cấp quyết định mới tải lên hồ sơ."))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        _refused(request, form)
        return redirect("proposals-detail", pk=proposal.pk)
    with service_errors(form, field="file"):
        services.dossier_upload(
            by=request.user, proposal=proposal, code=form.cleaned_data["code"], upload=form.cleaned_data["file"]
        )
        messages.success(request, _("Đã tải lên bản ký."))
        return redirect("proposals-detail", pk=proposal.pk)
    _refused(request, form)
    return redirect("proposals-detail", pk=proposal.pk)


@login_required
@require_GET
def dossier_file(request: SignedInRequest, pk: int) -> FileResponse:
    row = access_dossier_file(user=request.user, file_id=pk)
    name = f"{row.code}-{row.proposal_id}.{row.extension}"
    return FileResponse(row.file.open("rb"), as_attachment=True, filename=name)


def _ready_to_submit(proposal: Proposal) -> bool:
    """A draft with every document asked before the vote: the council would take it."""
    missing = selectors.missing_documents(proposal)
    return proposal.status == ProposalStatus.DRAFT and all(code in services.AFTER_VOTE for code in missing)


def _submit_confirmation(request: SignedInRequest, proposal: Proposal) -> HttpResponse:
    names = {"number": proposal, "unit": in_sentence(proposal.unit.name), "to": in_sentence(proposal.to_unit.name)}
    return confirm_page(
        request,
        title=_("Xác nhận trình hội đồng"),
        consequences=[
            _("Đề nghị %(number)s của %(unit)s sẽ được trình hội đồng thi đua, khen thưởng của %(to)s.") % names,
            _("Sau khi trình, danh sách đề nghị và hồ sơ không sửa được nữa: hội đồng bỏ phiếu trên bản đã trình."),
        ],
        action=_("Trình hội đồng"),
        back=reverse("proposals-detail", args=[proposal.pk]),
    )


@login_required
@require_POST
def proposal_submit(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if not may_propose(request.user, proposal.unit):
        raise PermissionDenied(_("Chỉ cán bộ của “%(unit)s” mới trình đề nghị này.") % {"unit": proposal.unit.name})
    if _ready_to_submit(proposal) and not confirmed(request):  # an incomplete one is refused at once
        return _submit_confirmation(request, proposal)
    form = forms.Form(request.POST)
    with service_errors(form):
        services.proposal_submit(by=request.user, proposal=proposal)
        messages.success(request, _("Đã trình hội đồng."))
        return redirect("proposals-detail", pk=proposal.pk)
    _refused(request, form)
    return redirect("proposals-detail", pk=proposal.pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_vote(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if not may_decide(request.user, proposal.to_unit):
        raise PermissionDenied(_("Chỉ người phê duyệt hoặc quản trị của cấp quyết định mới ghi kết quả bỏ phiếu."))
    items = selectors.proposal_items(proposal)
    form = VoteForm(request.POST or None, initial={"date": timezone.localdate()}, proposal=proposal, items=items)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form) as outcome:
            services.proposal_vote(
                by=request.user,
                proposal=proposal,
                council=data["council"],
                date=data["date"],
                present=data["present"],
                votes=form.votes(),
            )
            messages.success(request, _("Đã ghi kết quả bỏ phiếu."))
            return redirect("proposals-detail", pk=proposal.pk)
        status = outcome.status
    elif form.errors:
        status = 400
    return render(request, "proposals/vote_form.html", {"form": form, "proposal": proposal}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_decide(request: SignedInRequest, pk: int) -> HttpResponse:
    proposal = access_proposal(user=request.user, proposal_id=pk)
    if not may_decide(request.user, proposal.to_unit):
        raise PermissionDenied(_("Chỉ người phê duyệt hoặc quản trị của cấp quyết định mới ra quyết định."))
    form = DecideForm(request.POST or None, initial={"date": timezone.localdate()})
    status = 200
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            decision = services.decision_from_proposal(by=request.user, proposal=proposal, **form.cleaned_data)
            messages.success(request, _("Đã lập dự thảo quyết định %(n)s.") % {"n": decision.number})
            return redirect("awards-decision-detail", pk=decision.pk)
        status = outcome.status
    elif form.errors:
        status = 400
    return render(request, "proposals/decide_form.html", {"form": form, "proposal": proposal}, status=status)


@login_required
@require_GET
def council_list(request: SignedInRequest) -> HttpResponse:
    councils = councils_visible_to(request.user).select_related("unit").prefetch_related("members")
    can_create = may_decide_somewhere(request.user)
    return render(request, "proposals/council_list.html", {"councils": councils, "can_create": can_create})


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request: SignedInRequest) -> HttpResponse:
    if not may_decide_somewhere(request.user):
        raise PermissionDenied(_("Chỉ người phê duyệt hoặc quản trị đơn vị mới lập hội đồng."))
    form = CouncilForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        with service_errors(form) as outcome:
            services.council_create(
                by=request.user,
                unit=form.cleaned_data["unit"],
                name=form.cleaned_data["name"],
                members=form.cleaned_data["members"],
            )
            messages.success(request, _("Đã lập hội đồng."))
            return redirect("proposals-council-list")
        status = outcome.status
    elif form.errors:
        status = 400
    return render(request, "proposals/council_form.html", {"form": form}, status=status)
