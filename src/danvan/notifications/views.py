from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.core.http import SignedInRequest
from danvan.notifications import selectors, services
from danvan.notifications.access import access_notification


@login_required
@require_GET
def notification_list(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_of(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_GET
def notification_badge(request: SignedInRequest) -> HttpResponse:
    """The number in the menu, fetched by htmx after the page loads so no page pays for it."""
    html = render_to_string("notifications/list.html#badge", {"unread": selectors.unread_count(request.user)})
    return HttpResponse(html)


@login_required
@require_POST
def notification_open(request: SignedInRequest, pk: int) -> HttpResponse:
    notification = access_notification(user=request.user, notification_id=pk)
    services.notification_mark_read(by=request.user, notification=notification)
    if notification.initiative_id:
        return redirect("initiatives-detail", pk=notification.initiative_id)
    return redirect("notifications-list")


@login_required
@require_POST
def notification_read_all(request: SignedInRequest) -> HttpResponse:
    n = services.notifications_mark_all_read(by=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": n})
    return redirect("notifications-list")
