from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.accounts.forms import LoginForm, UserCreateForm
from danvan.accounts.selectors import users_administered_by
from danvan.accounts.services import RoleGrant, user_create
from danvan.core.forms import add_errors
from danvan.orgs.access import access_unit, roles_of, scope_paths
from danvan.orgs.models import Role


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"memberships": roles_of(request.user)})


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser and not scope_paths(request.user, [Role.ADMIN]):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới xem được danh sách người dùng."))
    users = users_administered_by(request.user)
    return render(request, "accounts/user_list.html", {"users": users})


@login_required
@require_http_methods(["GET", "POST"])
def user_create_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser and not scope_paths(request.user, [Role.ADMIN]):
        raise PermissionDenied(_("Chỉ quản trị đơn vị mới tạo được người dùng."))
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = access_unit(user=request.user, code=data["unit"], roles=[Role.ADMIN])
            user = user_create(
                by=request.user,
                username=data["username"],
                full_name=data["full_name"],
                password=data["password"],
                position=data["position"],
                email=data["email"],
                roles=[RoleGrant(unit=unit, role=data["role"])],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        except (PermissionDenied, Http404) as exc:
            form.add_error("unit", str(exc))
        else:
            messages.success(request, _("Đã tạo người dùng %(name)s.") % {"name": user})
            return redirect("accounts-user-list")
    return render(request, "accounts/user_form.html", {"form": form})
