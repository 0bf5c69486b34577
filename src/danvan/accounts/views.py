import base64
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from django_otp import login as otp_login

from danvan.accounts import twofactor
from danvan.accounts.access import access_administered_user
from danvan.accounts.forms import LoginForm, OtpTokenForm, RoleGrantForm, UserCreateForm
from danvan.accounts.models import User
from danvan.accounts.selectors import users_administered_by
from danvan.accounts.services import RoleGrant, language_choose, user_create, user_set_active
from danvan.core.confirm import confirm_page, confirmed
from danvan.core.forms import service_errors
from danvan.core.http import SignedInRequest
from danvan.orgs.access import access_unit, has_role, is_root, roles_of, scope_paths
from danvan.orgs.models import Role
from danvan.orgs.services import membership_grant, membership_revoke

OTP_PENDING = "danvan_otp_pending_user"
OTP_ATTEMPTS = "danvan_otp_attempts"
MAX_OTP_ATTEMPTS = 5


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if twofactor.confirmed_device(user) is None:
            return super().form_valid(form)
        # The password was right; the second factor decides.
        self.request.session[OTP_PENDING] = user.pk
        self.request.session[OTP_ATTEMPTS] = 0
        self.request.session["danvan_otp_next"] = self.get_success_url()
        return redirect("accounts-login-otp")


@require_http_methods(["GET", "POST"])
def login_otp(request: HttpRequest) -> HttpResponse:
    """Second step of the login for a user who turned on the second factor."""
    pending = request.session.get(OTP_PENDING)
    user = User.objects.filter(pk=pending, is_active=True).first() if pending else None
    if user is None:
        return redirect("accounts-login")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.confirmed_device(user)
        if device is not None and device.verify_token(form.cleaned_data["token"]):
            next_url = request.session.get("danvan_otp_next") or settings.LOGIN_REDIRECT_URL
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            return redirect(next_url)
        request.session[OTP_ATTEMPTS] = request.session.get(OTP_ATTEMPTS, 0) + 1
        if request.session[OTP_ATTEMPTS] >= MAX_OTP_ATTEMPTS:
            request.session.pop(OTP_PENDING, None)
            messages.error(request, _("Nhập sai mã xác thực quá nhiều lần. Hãy đăng nhập lại từ đầu."))
            return redirect("accounts-login")
        form.add_error("token", _("Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng xác thực."))
    return render(request, "accounts/login_otp.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: SignedInRequest) -> HttpResponse:
    """Turn the second factor on (scan, confirm a code) or off (confirm a code)."""
    if not twofactor.may_use_second_factor(request.user):
        raise PermissionDenied(_("Xác thực hai bước dành cho người phê duyệt và quản trị."))
    enabled = twofactor.confirmed_device(request.user) is not None
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        if enabled and twofactor.totp_disable(user=request.user, token=token):
            messages.success(request, _("Đã tắt xác thực hai bước."))
            return redirect("accounts-profile")
        if not enabled and twofactor.totp_confirm(user=request.user, token=token):
            messages.success(request, _("Đã bật xác thực hai bước. Từ lần sau, đăng nhập cần thêm mã trên ứng dụng."))
            return redirect("accounts-profile")
        form.add_error("token", _("Mã xác thực không đúng. Hãy nhập mã đang hiển thị trên ứng dụng xác thực."))
    context: dict[str, Any] = {"form": form, "enabled": enabled}
    if not enabled:
        device = twofactor.totp_setup_device(user=request.user)
        context.update(qr=twofactor.qr_data_uri(device), secret=base64.b32encode(device.bin_key).decode())
    return render(request, "accounts/two_factor.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts-profile")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Đã đổi mật khẩu."))
        return super().form_valid(form)


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes answers after too many failed logins."""
    return render(request, "accounts/locked_out.html", status=429)


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """The header's language switch (Django's set_language: the cookie of this device), kept with the
    account of a signed-in person for their other devices and their e-mails."""
    response = set_language(request)
    if request.user.is_authenticated:
        language_choose(user=request.user, language=request.POST.get("language", ""))
    return response


@login_required
def profile(request: SignedInRequest) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": roles_of(request.user),
            "may_use_second_factor": twofactor.may_use_second_factor(request.user),
            "second_factor_on": twofactor.confirmed_device(request.user) is not None,
        },
    )


@login_required
def user_list(request: SignedInRequest) -> HttpResponse:
    if not is_root(request.user) and not scope_paths(request.user, [Role.ADMIN]):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới xem được danh sách người dùng."))
    users = users_administered_by(request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
@require_http_methods(["GET", "POST"])
def user_create_view(request: SignedInRequest) -> HttpResponse:
    if not is_root(request.user) and not scope_paths(request.user, [Role.ADMIN]):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới tạo được người dùng."))
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with service_errors(form, field="unit", refusals={Http404: 400}):
            unit = access_unit(user=request.user, code=data["unit"].code, roles=[Role.ADMIN])
            user = user_create(
                by=request.user,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password"],
                position=data["position"],
                email=data["email"],
                roles=[RoleGrant(unit=unit, role=data["role"])],
            )
            messages.success(request, _("Đã tạo người dùng %(name)s.") % {"name": user})
            return redirect("accounts-user-list")
    return render(request, "accounts/user_form.html", {"form": form})


def _lock_confirmation(request: HttpRequest, person: Any) -> HttpResponse:
    name = person.full_name or person.username
    return confirm_page(
        request,
        title=_("Xác nhận khóa tài khoản"),
        consequences=[
            _(
                "Tài khoản %(name)s (%(username)s) sẽ bị khóa: người này không đăng nhập được nữa và các mã "
                "truy cập API của họ ngừng hoạt động ngay."
            )
            % {"name": name, "username": person.username},
            _("Vai trò và hồ sơ họ đã lập vẫn được giữ; bạn có thể mở khóa lại trên trang này."),
        ],
        action=_("Khóa tài khoản"),
        back=reverse("accounts-user-detail", args=[person.pk]),
    )


def _revoke_confirmation(request: SignedInRequest, person: Any, membership: Any) -> HttpResponse:
    said = {
        "role": membership.get_role_display(),
        "unit": membership.unit.name,
        "name": person.full_name or person.username,
    }
    if person.pk == request.user.pk:
        after = _(
            "Đây là vai trò của chính bạn: sau khi thu hồi, bạn có thể không mở lại được trang này; "
            "chỉ một quản trị viên khác giao lại được."
        )
    else:
        after = _("Bạn có thể giao lại vai trò này trên trang này.")
    return confirm_page(
        request,
        title=_("Xác nhận thu hồi vai trò"),
        consequences=[
            _("Vai trò “%(role)s — %(unit)s” của %(name)s sẽ bị thu hồi: người này mất ngay các quyền của vai trò đó.")
            % said,
            after,
        ],
        action=_("Thu hồi vai trò"),
        back=reverse("accounts-user-detail", args=[person.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """An admin grants and revokes roles of a user in their subtree, and locks or unlocks the account.
    Reached by the user's id, so any stored name (even one from before names were checked) opens."""
    person = access_administered_user(admin=request.user, user_id=pk)
    form = RoleGrantForm(request.POST if "grant" in request.POST else None, user=request.user)
    if request.method == "POST":
        try:
            if "grant" in request.POST and form.is_valid():
                unit = access_unit(user=request.user, code=form.cleaned_data["unit"].code, roles=[Role.ADMIN])
                membership_grant(by=request.user, user=person, unit=unit, role=form.cleaned_data["role"])
                messages.success(request, _("Đã giao vai trò."))
                return redirect("accounts-user-detail", pk=person.pk)
            if "revoke" in request.POST:
                revoke = request.POST.get("revoke", "")
                membership = (
                    person.memberships.filter(pk=int(revoke)).select_related("unit").first()
                    if revoke.isdigit()
                    else None
                )
                if membership is None:
                    raise Http404(_("Không có vai trò này."))
                if has_role(request.user, membership.unit, [Role.ADMIN]) and not confirmed(request):
                    return _revoke_confirmation(request, person, membership)
                membership_revoke(by=request.user, membership=membership)
                messages.success(request, _("Đã thu hồi vai trò."))
                return redirect("accounts-user-detail", pk=person.pk)
            locking = request.POST.get("active") == "0" and person.is_active and person.pk != request.user.pk
            if locking and not confirmed(request):
                return _lock_confirmation(request, person)
            if "active" in request.POST:
                person = user_set_active(by=request.user, user=person, active=request.POST["active"] == "1")
                done = _("Đã mở khóa tài khoản %(name)s.") if person.is_active else _("Đã khóa tài khoản %(name)s.")
                messages.success(request, done % {"name": person.full_name or person.username})
                return redirect("accounts-user-detail", pk=person.pk)
        except (PermissionDenied, Http404, ValidationError) as exc:
            message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            if form.is_bound:
                form.add_error(None, message)
            else:
                messages.error(request, message)
    memberships = person.memberships.select_related("unit")
    return render(request, "accounts/user_detail.html", {"person": person, "memberships": memberships, "form": form})
