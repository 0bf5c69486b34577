"""Public pages of the library (no login), the replication flow (login) and open data."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import HtmxHttpRequest, SignedInRequest
from danvan.library import exports, selectors
from danvan.library.access import access_public_entry, access_public_image
from danvan.library.feeds import FEED_SIZE
from danvan.library.forms import ReplicaForm
from danvan.library.search import SORT_CHOICES, search_public
from danvan.library.services import initiative_withhold, replica_register

SEARCH_PARAMS = ("q", "field", "kind", "level", "province", "year", "exemplary", "sort")


def search_args(request: HttpRequest) -> dict[str, Any]:
    return {name: request.GET.get(name, "") for name in SEARCH_PARAMS}


@require_GET
def library_index(request: HtmxHttpRequest) -> HttpResponse:
    result = search_public(**search_args(request), page=request.GET.get("page", "1"))
    portal = not result.q and result.filters.is_empty() and result.page.number == 1 and not request.htmx
    context: dict[str, Any] = {"result": result, "sort_choices": SORT_CHOICES, "portal": portal}
    if portal:
        context |= {
            "exemplary": selectors.exemplary_of_year(limit=6),
            "news": selectors.conference_news(limit=5),
        }
    template = "library/index.html#results" if request.htmx else "library/index.html"
    return render(request, template, context)


@require_GET
def library_follow(request: HttpRequest) -> HttpResponse:
    """How to follow the newly recognised models: the feed's address for a reader, and what it holds now
    (a browser shows the Atom file itself as raw XML, so people are sent here first)."""
    context = {
        "feed_url": request.build_absolute_uri(reverse("library-feed")),
        "entries": selectors.latest_recognized(limit=FEED_SIZE),
    }
    return render(request, "library/follow.html", context)


@require_GET
def library_detail(request: HttpRequest, public_key: str) -> HttpResponse:
    entry = access_public_entry(public_key=public_key)
    initiative = entry.initiative
    context = {
        "entry": entry,
        "initiative": initiative,
        "images": selectors.public_images(initiative=initiative),
        "contact": selectors.contact_unit(unit=initiative.unit),
        "spread": selectors.spread_of(entry=entry),
        "original": selectors.original_of(initiative=initiative),
        "decisions": selectors.commending_decisions(initiative=initiative),
        "may_withhold": selectors.may_withhold(user=request.user, initiative=initiative),
    }
    return render(request, "library/detail.html", context)


@require_GET
def library_image(request: HttpRequest, public_key: str, attachment_id: int) -> FileResponse:
    attachment = access_public_image(public_key=public_key, attachment_id=attachment_id)
    stored = attachment.thumbnail if request.GET.get("nho") and attachment.thumbnail else attachment.file
    try:
        response = FileResponse(stored.open("rb"))
    except OSError:  # the row exists, the file is gone from storage
        raise Http404(_("Không có ảnh này.")) from None
    response["Cache-Control"] = "public, max-age=86400"
    return response


def registration_link(public_key: str) -> str | None:
    """The registration form of the initiatives app, pre-filled from the original, once it exists."""
    try:
        return f"{reverse('initiatives-create')}?replicated_from={public_key}"
    except NoReverseMatch:
        return None


@login_required
@require_http_methods(["GET", "POST"])
def library_replicate(request: SignedInRequest, public_key: str) -> HttpResponse:
    entry = access_public_entry(public_key=public_key)
    initial = {"title": entry.initiative.title}
    form = ReplicaForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        with service_errors(form):
            replica_register(by=request.user, original=entry.initiative, **form.cleaned_data)
            messages.success(request, _("Đã tạo bản nháp mô hình nhân rộng. Hãy hoàn thiện hồ sơ và đăng ký."))
            return redirect("library-detail", public_key=public_key)
    context = {
        "entry": entry,
        "form": form,
        "has_units": selectors.replica_scope(user=request.user).exists(),
        "link": registration_link(public_key),
    }
    return render(request, "library/replicate.html", context)


@login_required
@require_http_methods(["POST"])
def library_withhold(request: SignedInRequest, public_key: str) -> HttpResponse:
    """An officer or admin of the unit takes one initiative out of the public library."""
    entry = access_public_entry(public_key=public_key)
    initiative = entry.initiative
    if selectors.may_withhold(user=request.user, initiative=initiative) and not confirmed(request):
        # no page lets it back in (only the installation's admin can): ask first
        return confirm_page(
            request,
            title=_("Xác nhận đưa ra khỏi thư viện công khai"),
            consequences=[
                _("“%(title)s” sẽ không còn hiện trên thư viện công khai và trong kết quả tìm kiếm.")
                % {"title": initiative.title},
                _("Chưa có nút đưa mô hình trở lại thư viện: muốn công khai lại, phải nhờ quản trị hệ thống."),
            ],
            action=_("Đưa ra khỏi thư viện công khai"),
            back=reverse("library-detail", args=[public_key]),
        )
    initiative_withhold(by=request.user, initiative=initiative, withheld=True, reason=request.POST.get("reason", ""))
    messages.success(request, _("Mô hình đã được đưa ra khỏi thư viện công khai."))
    return redirect("library-index")


@require_GET
def library_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    return exports.export_response(fmt=fmt, **search_args(request))
