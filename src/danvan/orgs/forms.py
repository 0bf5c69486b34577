from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import Unit, UnitKind


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker's field (its choices come from `orgs.selectors.picker_units` or `filter_units`)."""

    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        """A village or an agency is named with its commune: many communes have a "Khu 1"."""
        parent = obj.parent if obj.depth > 3 and obj.parent_id else None
        return f"{obj.name} ({parent.name})" if parent else obj.name


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)
    kind = forms.ModelChoiceField(
        label=_("Loại"), queryset=UnitKind.objects.all(), required=False, empty_label=_("Tất cả")
    )
    current = forms.BooleanField(label=_("Chỉ đơn vị đang hoạt động"), required=False)


class UnitCreateForm(forms.Form):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32, help_text=_("Chữ không dấu và số, ví dụ 00004-T01."))
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    kind = forms.ModelChoiceField(
        label=_("Loại"),
        queryset=UnitKind.objects.none(),
        empty_label=None,
    )
    contact_office = forms.CharField(label=_("Địa chỉ liên hệ (cơ quan)"), max_length=255, required=False)
    valid_from = forms.DateField(label=_("Hiệu lực từ (dd/mm/yyyy)"), required=False)

    def __init__(self, *args: Any, kinds: QuerySet[UnitKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ModelChoiceField)
        kind_field.queryset = kinds
