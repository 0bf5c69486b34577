"""The token page: a user lists, issues and revokes their own API tokens; an admin lists and revokes
those of a user they administer. The token itself is shown once, when it is issued."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.access import access_administered_user
from danvan.api.services import api_token_create, api_tokens_of, api_tokens_revoke
from danvan.core.actors import Actor
from danvan.core.http import SignedInRequest


def _revoke(request: SignedInRequest, person: Actor) -> None:
    raw = request.POST.get("revoke", "")
    count = api_tokens_revoke(by=request.user, user=person, token_id=int(raw) if raw.isdigit() else None)
    messages.success(request, _("Đã thu hồi %(n)s mã truy cập.") % {"n": count})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: SignedInRequest) -> HttpResponse:
    issued = None
    error = ""
    if request.method == "POST" and "revoke" in request.POST:
        _revoke(request, request.user)
        return redirect("api-tokens")
    if request.method == "POST":
        verified = bool(getattr(request.user, "is_verified", lambda: False)())
        try:
            _row, issued = api_token_create(
                user=request.user, name=request.POST.get("name", "")[:100], verified=verified
            )
        except ValidationError:
            error = _("Tài khoản bật xác thực hai bước: hãy đăng xuất rồi đăng nhập lại với mã xác thực để tạo mã.")
    context = {"person": request.user, "rows": api_tokens_of(request.user), "issued": issued, "error": error}
    return render(request, "api/tokens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def user_tokens(request: SignedInRequest, pk: int) -> HttpResponse:
    person = access_administered_user(admin=request.user, user_id=pk)
    if request.method == "POST":
        _revoke(request, person)
        return redirect("api-user-tokens", pk=person.pk)
    return render(request, "api/tokens.html", {"person": person, "rows": api_tokens_of(person), "admin_view": True})
