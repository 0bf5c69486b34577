from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DataNameChoiceField
from danvan.orgs.models import Unit, UnitKind
from danvan.orgs.selectors import sorted_units


class UnitPicker(forms.Select):
    """A drop-down of the units in the user's scope, which works without JavaScript; the project's
    script (core/static/core/danvan.js) turns it into a search box that asks `orgs-unit-picker` for
    the units whose name holds what is typed, with or without diacritics, each shown with its parent."""

    def __init__(self, *, roles: Iterable[str] = (), above: bool = False, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.roles = tuple(roles)
        self.above = above

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        params = {"roles": ",".join(self.roles)} if self.roles else {}
        query = urlencode({**params, "above": "1"} if self.above else params)
        context["widget"]["attrs"]["data-unit-picker"] = reverse("orgs-unit-picker") + (f"?{query}" if query else "")
        context["widget"]["attrs"]["data-placeholder"] = str(_("Gõ tên đơn vị, có dấu hoặc không dấu"))
        context["widget"]["attrs"]["data-nothing"] = str(_("Không có đơn vị nào tên như vậy trong phạm vi của bạn."))
        return context


class SortedUnitIterator(ModelChoiceIterator):
    """The choices in Vietnamese dictionary order, higher levels first (`orgs.selectors.unit_sort_key`)."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        shown = getattr(self.field, "shown", None)
        for unit in sorted_units(self.queryset if shown is None else shown):
            yield self.choice(unit)


class UnitChoiceField(forms.ModelChoiceField):
    """A unit picker's field: its queryset comes from `orgs.selectors.picker_units` (the user's scope for
    `roles`, which the type-ahead asks for too) or `filter_units`; chosen by name, never typed as a code."""

    iterator = SortedUnitIterator

    def __init__(self, *args: Any, roles: Iterable[str] = (), above: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("widget", UnitPicker(roles=roles, above=above))
        super().__init__(*args, **kwargs)
        # which of a found unit's keys the drop-down's values are (the type-ahead sets one of them)
        self.widget.attrs["data-unit-value"] = "code" if self.to_field_name == "code" else "id"

    shown: QuerySet[Unit] | None = None

    def offer(self, scope: QuerySet[Unit], *, shown: QuerySet[Unit] | None = None, current: Any = None) -> None:
        """Accept any unit of `scope`; list only `shown` (and the `current` value) in the drop-down, when
        the scope is too large to list (a province's villages): the type-ahead finds the rest."""
        self.queryset = scope
        if shown is not None:
            key = self.to_field_name or "pk"
            current_q = Q(**{key: current}) if current not in (None, "") else Q(pk__in=[])
            self.shown = scope.filter(Q(pk__in=shown.values("pk")) | current_q)

    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        """A unit below a province is named with the unit above it: many communes have a "Khu 1"."""
        return unit_label(obj)


def unit_label(unit: Unit) -> str:
    """How a picker names a unit: "Khu 1 (Xã Đông Hòa)"; provinces and the centre by their name alone."""
    parent = unit.parent if unit.depth > 2 and unit.parent_id else None
    return f"{unit.name} ({parent.name})" if parent else unit.name


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)
    kind = DataNameChoiceField(
        label=_("Loại"), queryset=UnitKind.objects.all(), required=False, empty_label=_("Tất cả")
    )
    current = forms.BooleanField(label=_("Chỉ đơn vị đang hoạt động"), required=False)


class UnitCreateForm(forms.Form):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32, help_text=_("Chữ không dấu và số, ví dụ 00004-T01."))
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    kind = DataNameChoiceField(
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
