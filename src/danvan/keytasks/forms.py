from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from danvan.core.actors import Visitor
from danvan.core.forms import DATE_ERRORS, DATE_WIDGET
from danvan.keytasks.access import STAFF_ROLES, home_units, issuing_units
from danvan.keytasks.models import TaskStatus
from danvan.orgs.forms import UnitChoiceField, only_one
from danvan.orgs.models import Unit
from danvan.orgs.selectors import filter_scope, filter_units


class TaskForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị giao nhiệm vụ"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=STAFF_ROLES,
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    title = forms.CharField(label=gettext_lazy("Nhiệm vụ"), max_length=500)
    owner_unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị chủ trì"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=STAFF_ROLES,
        help_text=gettext_lazy("Đơn vị giao nhiệm vụ hoặc một đơn vị cấp dưới."),
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    due = forms.DateField(label=gettext_lazy("Thời hạn"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    expected_result = forms.CharField(
        label=gettext_lazy("Sản phẩm, kết quả cần đạt"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        homes = home_units(user)
        unit_field.offer(issuing_units(user), shown=homes, current=self.data.get("unit"))
        only_one(self, "unit", homes)
        owner_field = self.fields["owner_unit"]
        assert isinstance(owner_field, UnitChoiceField)
        current = self.data.get("owner_unit") or self.initial.get("owner_unit")
        owner_field.offer(issuing_units(user), shown=filter_units(user, STAFF_ROLES), current=current)


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
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("Tất cả trong phạm vi"),
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    date_from = forms.DateField(
        label=gettext_lazy("Hạn từ ngày"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(
        label=gettext_lazy("đến ngày"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.offer(filter_scope(user), shown=filter_units(user), current=self.data.get("unit"))
