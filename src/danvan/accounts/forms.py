from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên của đơn vị."),
    }


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, strip=False)
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=32, help_text=_("Ví dụ: 00004 (Phường Ba Đình)."))
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class RoleGrantForm(forms.Form):
    unit = forms.CharField(label=_("Mã đơn vị"), max_length=32)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
