from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.awards.access import decisions_visible_to
from danvan.awards.models import DecisionStatus
from danvan.awards.picklist import decision_list
from danvan.awards.selectors import commendable_initiatives
from danvan.conferences import selectors, services
from danvan.conferences.access import EDITORS, access_conference, initiatives_to_link, may_edit, may_publish
from danvan.conferences.forms import ConferenceForm, NewsForm, initial_for, period_years
from danvan.conferences.models import Conference, ConferenceNews, NewsStatus
from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.initiatives.picklist import pickable, recipient_choices, recipient_list, recipient_rows
from danvan.orgs.access import is_root, scope_paths


def _conference_form(
    request: HttpRequest, initial: dict[str, Any] | None = None, conference: Conference | None = None
) -> tuple[ConferenceForm, dict[str, Any]]:
    """The conference form, its list of decisions to announce (awards.picklist) and of recognised models to
    commend (initiatives.picklist): both searchable and narrowed by year; their "Lọc danh sách" button
    re-shows the form without saving; ticked rows, even old ones, always stay offered, and so do the models
    `conference` links that are no longer recognised (access.initiatives_to_link)."""
    data = request.POST or None
    given = data or initial or {}
    decisions = decision_list(
        decisions_visible_to(request.user).filter(status=DecisionStatus.ISSUED),
        data,
        data.getlist("decisions") if data else given.get("decisions", []),
        period=period_years(given),
    )
    picked = data.getlist("initiatives") if data else given.get("initiatives", [])
    linkable = initiatives_to_link(request.user, conference).select_related("unit", "unit__parent", "field")
    rows = recipient_rows(pickable(commendable_initiatives(request.user, None), data, picked, ticked_among=linkable))
    form = ConferenceForm(
        data,
        initial=initial,
        decision_choices=decisions.choices(),
        initiative_choices=recipient_choices(rows),
        user=request.user,
    )
    return form, {**recipient_list(data, rows, form["initiatives"].value() or []), **decisions.context()}


def _save(request: SignedInRequest, form: ConferenceForm, conference: Conference | None) -> Conference | None:
    with service_errors(form, field="host_unit"):
        if conference is None:
            return services.conference_create(by=request.user, data=form.data_for_service())
        return services.conference_update(by=request.user, conference=conference, data=form.data_for_service())
    return None


@login_required
@require_GET
def conference_list(request: SignedInRequest) -> HttpResponse:
    conferences = selectors.conference_list(user=request.user)
    page = Paginator(conferences, 50).get_page(request.GET.get("page"))
    can_create = is_root(request.user) or bool(scope_paths(request.user, EDITORS))
    return render(request, "conferences/conference_list.html", {"page": page, "can_create": can_create})


@login_required
@require_http_methods(["GET", "POST"])
def conference_create(request: SignedInRequest) -> HttpResponse:
    if not (is_root(request.user) or scope_paths(request.user, EDITORS)):
        raise PermissionDenied(_("Bạn chưa có vai trò nào để ghi nhận hội nghị."))
    form, recipients = _conference_form(request)
    saving = request.method == "POST" and not recipients["filtering"]
    if saving and form.is_valid() and (conference := _save(request, form, None)):
        messages.success(request, _("Đã lưu hội nghị."))
        return redirect("conferences-detail", pk=conference.pk)
    return render(request, "conferences/conference_form.html", {"form": form, **recipients})


@login_required
@require_GET
def conference_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    conference = access_conference(user=request.user, conference_id=pk)
    context = {
        "conference": conference,
        "figures": selectors.conference_figures(conference),
        "attendees": conference.attendees.all(),
        "news": ConferenceNews.objects.filter(conference=conference).first(),
        "can_edit": may_edit(request.user, conference.host_unit),
    }
    return render(request, "conferences/conference_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    conference = access_conference(user=request.user, conference_id=pk)
    if not may_edit(request.user, conference.host_unit):
        raise PermissionDenied(_("Bạn không có quyền sửa hội nghị này."))
    form, recipients = _conference_form(request, initial_for(conference), conference)
    saving = request.method == "POST" and not recipients["filtering"]
    if saving and form.is_valid() and _save(request, form, conference):
        messages.success(request, _("Đã lưu hội nghị."))
        return redirect("conferences-detail", pk=conference.pk)
    return render(request, "conferences/conference_form.html", {"form": form, "conference": conference, **recipients})


@login_required
@require_http_methods(["GET", "POST"])
def news_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    conference = access_conference(user=request.user, conference_id=pk)
    if not may_edit(request.user, conference.host_unit):
        raise PermissionDenied(_("Bạn không có quyền soạn tin cho hội nghị này."))
    news = ConferenceNews.objects.filter(conference=conference).first()
    if news is not None and news.is_published:
        messages.info(request, _("Tin đã đăng nên không sửa được nữa."))
        return redirect("conferences-news-detail", key=news.public_key)
    regenerate = request.method == "POST" and request.POST.get("action") == "regenerate"
    if regenerate or (news is None and request.method == "POST"):
        news = services.news_draft(by=request.user, conference=conference)
        if regenerate:
            return redirect("conferences-news-edit", pk=conference.pk)
    # A GET never writes: before the first save the draft is shown, not stored.
    title, body = services.news_text(conference) if news is None else (news.title, news.body)
    form = NewsForm(request.POST or None, initial={"title": title, "body": body})
    if request.method == "POST" and form.is_valid():
        assert news is not None  # written above for every POST
        with service_errors(form):
            services.news_update(by=request.user, news=news, **form.cleaned_data)
            messages.success(request, _("Đã lưu bản nháp tin."))
            return redirect("conferences-news-edit", pk=conference.pk)
    context = {
        "conference": conference,
        "news": news,
        "form": form,
        "can_publish": may_publish(request.user, conference.host_unit),
    }
    return render(request, "conferences/news_form.html", context)


@login_required
@require_POST
def news_publish(request: SignedInRequest, pk: int) -> HttpResponse:
    conference = access_conference(user=request.user, conference_id=pk)
    news = ConferenceNews.objects.filter(conference=conference).first()
    if news is None:
        raise Http404(_("Hội nghị này chưa có bản nháp tin."))
    published = news.status == NewsStatus.PUBLISHED
    if not confirmed(request) and not published and may_publish(request.user, conference.host_unit):
        return confirm_page(
            request,
            title=_("Xác nhận đăng tin"),
            consequences=[
                _("Tin “%(title)s” sẽ được đăng lên trang công khai, ai cũng đọc được, kể cả người không đăng nhập.")
                % {"title": news.title},
                _("Sau khi đăng, tin không sửa được nữa. Hãy đọc lại bản nháp một lần nữa trước khi đăng."),
            ],
            action=_("Đăng tin"),
            back=reverse("conferences-news-edit", args=[conference.pk]),
        )
    try:
        news = services.news_publish(by=request.user, news=news)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("conferences-detail", pk=conference.pk)
    messages.success(request, _("Đã đăng tin lên trang công khai."))
    return redirect("conferences-news-detail", key=news.public_key)


@require_GET
def news_list(request: HttpRequest) -> HttpResponse:
    """Public: the published conference news."""
    page = Paginator(selectors.published_news(limit=None), 20).get_page(request.GET.get("page"))
    return render(request, "conferences/news_list.html", {"page": page})


@require_GET
def news_detail(request: HttpRequest, key: str) -> HttpResponse:
    """Public: one published news item."""
    news = selectors.published_news_item(key)
    if news is None:
        raise Http404(_("Không tìm thấy tin này, hoặc tin chưa được đăng."))
    return render(request, "conferences/news_detail.html", {"news": news, "paragraphs": news.body.split("\n\n")})
