from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from danvan.core.forms import DATE_ERRORS, DATE_WIDGET
from danvan.keytasks.models import TaskStatus
from danvan.orgs.models import Unit


class TaskForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị giao nhiệm vụ"), queryset=Unit.objects.none())
    title = forms.CharField(label=gettext_lazy("Nhiệm vụ"), max_length=500)
    owner_unit = forms.CharField(
        label=gettext_lazy("Mã đơn vị chủ trì"),
        max_length=32,
        help_text=gettext_lazy("Đơn vị giao nhiệm vụ hoặc một đơn vị cấp dưới."),
    )
    due = forms.DateField(label=gettext_lazy("Thời hạn"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    expected_result = forms.CharField(
        label=gettext_lazy("Sản phẩm, kết quả cần đạt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_owner_unit(self) -> Unit:
        code = self.cleaned_data["owner_unit"].strip()
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            message = gettext_lazy("Không có đơn vị mã “%(code)s”. Hãy kiểm tra lại mã.")
            raise forms.ValidationError(message % {"code": code})
        return unit


class ProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Tình trạng"),
        choices=[(TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS.label), (TaskStatus.DONE, TaskStatus.DONE.label)],
    )
    date = forms.DateField(label=gettext_lazy("Ngày"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    note = forms.CharField(
        label=gettext_lazy("Kết quả, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PeriodForm(forms.Form):
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị"), required=False, max_length=32)
    date_from = forms.DateField(
        label=gettext_lazy("Hạn từ ngày"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label=gettext_lazy("đến ngày"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
