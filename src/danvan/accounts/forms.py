from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _

from danvan.core.actors import Visitor
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Role, Unit
from danvan.orgs.selectors import filter_units, picker_units


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên của đơn vị."),
    }


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=_("Tên đăng nhập"),
        max_length=150,
        help_text=_("Chữ cái không dấu, chữ số và các ký tự @ . + - _, không có dấu cách; ví dụ xa.canbo2."),
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    position = forms.CharField(label=_("Chức vụ"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, strip=False)
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=[Role.ADMIN],
        help_text=_("Đơn vị mà người này giữ vai trò, trong phạm vi bạn quản trị."),
        error_messages={"invalid_choice": _("Hãy chọn một đơn vị trong phạm vi bạn quản trị.")},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_administered_units(self, user)
        # The rules the password will be checked against, said before the first try (the validators' own words)
        self.fields["password"].help_text = " ".join(password_validators_help_texts())


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class RoleGrantForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=[Role.ADMIN],
        error_messages={"invalid_choice": _("Hãy chọn một đơn vị trong phạm vi bạn quản trị.")},
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_administered_units(self, user)


def offer_administered_units(form: forms.Form, user: Visitor) -> None:
    """The units where `user` is an admin, and those under them: where they may give a role."""
    field = form.fields["unit"]
    assert isinstance(field, UnitChoiceField)
    current = form.data.get("unit") or form.initial.get("unit")
    field.offer(picker_units(user, [Role.ADMIN]), shown=filter_units(user, [Role.ADMIN]), current=current)
