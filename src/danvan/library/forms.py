from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import Unit


class ReplicaForm(forms.Form):
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Đơn vị áp dụng"),
        empty_label=None,
        error_messages={"invalid_choice": _("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    title = forms.CharField(
        label=_("Tên mô hình của đơn vị"),
        max_length=500,
        error_messages={"required": _("Hãy nhập tên mô hình của đơn vị bạn.")},
    )
    summary = forms.CharField(
        label=_("Tóm tắt cách đơn vị sẽ áp dụng"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
