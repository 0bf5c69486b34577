from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.actors import Visitor
from danvan.library.selectors import replica_scope, replicable_units
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Role, Unit


class ReplicaForm(forms.Form):
    unit = UnitChoiceField(
        queryset=Unit.objects.none(),
        roles=(Role.OFFICER, Role.ADMIN),
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

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        shown = replicable_units(user=user)
        unit_field.offer(replica_scope(user=user), shown=shown, current=self.data.get("unit"))
