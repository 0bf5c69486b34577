from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from danvan.core.forms import DataNameChoiceField
from danvan.orgs.models import Unit, UnitKind
from danvan.orgs.selectors import sorted_units, units_named

# Without JavaScript a picker has a search box and a button of its own (inside <noscript>): the button
# sends the form with SEARCH_BUTTON=<the field's name> and the words in "<the field's name>__search".
SEARCH_BUTTON = "_unit_search"
SEARCH_SUFFIX = "__search"
SEARCH_LIMIT = 100


class UnitSearch:
    """What a picker's field receives when its no-script search button sent the form: the words typed.
    Never a value: the field answers it by listing the units found (`UnitChoiceField.clean`)."""

    def __init__(self, q: str) -> None:
        self.q = q

    def __str__(self) -> str:
        return ""  # nothing is selected in the drop-down of the units found


class UnitPicker(forms.Select):
    """A drop-down of the units in the user's scope, which works without JavaScript; the project's
    script (core/static/core/danvan.js) turns it into a search box that asks `orgs-unit-picker` for
    the units whose name holds what is typed, with or without diacritics, each shown with its parent.
    Without the script, a search box and a button beside the drop-down send the form back to be shown
    again (nothing is saved, what was typed stays) with the units of the whole scope that match.
    `local`: the drop-down lists every choice and the script searches them itself (no request; a public
    page such as the library's province filter)."""

    template_name = "orgs/widgets/unit_picker.html"

    def __init__(
        self,
        *,
        roles: Iterable[str] = (),
        above: bool = False,
        local: bool = False,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.roles = tuple(roles)
        self.above = above
        self.local = local

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["attrs"].update(picker_attrs(roles=self.roles, above=self.above, local=self.local))
        widget["search_name"] = name + SEARCH_SUFFIX
        widget["search_button"] = SEARCH_BUTTON
        widget["search"] = value.q if isinstance(value, UnitSearch) else ""
        widget["local"] = self.local
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if not self.local and data.get(SEARCH_BUTTON) == name:
            q = str(data.get(name + SEARCH_SUFFIX) or "").strip()[:100]
            if q:
                return UnitSearch(q)
        return super().value_from_datadict(data, files, name)


def picker_attrs(*, roles: Iterable[str] = (), above: bool = False, local: bool = False) -> dict[str, str]:
    """The attributes that make a drop-down a unit picker for the project's script: where its type-ahead
    asks (nothing: search the drop-down's own options), and its words."""
    url = ""
    if not local:
        params = {"roles": ",".join(roles)} if roles else {}
        query = urlencode({**params, "above": "1"} if above else params)
        url = reverse("orgs-unit-picker") + (f"?{query}" if query else "")
    return {
        "data-unit-picker": url,
        "data-placeholder": str(_("Gõ tên đơn vị, có dấu hoặc không dấu")),
        "data-nothing": str(_("Không có đơn vị nào tên như vậy trong phạm vi của bạn.")),
    }


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

    shown: Iterable[Unit] | None = None

    def offer(self, scope: QuerySet[Unit], *, shown: QuerySet[Unit] | None = None, current: Any = None) -> None:
        """Accept any unit of `scope`; list only `shown` (and the `current` value) in the drop-down, when
        the scope is too large to list (a province's villages): the type-ahead finds the rest."""
        self.queryset = scope
        if shown is not None:
            key = self.to_field_name or "pk"
            # a value sent with a NUL names no unit (and PostgreSQL refuses it in a query): not listed,
            # the field's validation says what was wrong
            sent = current not in (None, "") and "\x00" not in str(current)
            current_q = Q(**{key: current}) if sent else Q(pk__in=[])
            self.shown = scope.filter(Q(pk__in=shown.values("pk")) | current_q)

    def clean(self, value: Any) -> Any:
        """The no-script search button was pressed: list the units of the scope whose name holds the words,
        and keep the form from being saved (a message on the field says what was found and what to do)."""
        if isinstance(value, UnitSearch):
            scope = self.queryset if self.queryset is not None else Unit.objects.none()
            found, more = units_named(scope, value.q, limit=SEARCH_LIMIT)
            self.shown = found
            raise ValidationError(search_outcome(value.q, len(found), more), code="unit_search")
        return super().clean(value)

    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        """A unit below a province is named with the unit above it: many communes have a "Khu 1"."""
        return unit_label(obj)


def only_one(form: forms.Form, name: str, homes: QuerySet[Unit]) -> None:
    """A new form's unit is the user's own when they hold the role in one unit only."""
    if not form.is_bound and name not in form.initial:
        units = list(homes[:2])
        if len(units) == 1:
            field = form.fields[name]
            key = getattr(field, "to_field_name", None) or "pk"
            form.initial[name] = getattr(units[0], key)


def search_outcome(q: str, found: int, more: bool) -> str:
    if not found:
        return str(_("Không có đơn vị nào tên có “%(q)s” trong phạm vi của bạn. Hãy gõ tên khác rồi bấm “Tìm”.")) % {
            "q": q
        }
    if more:
        return str(
            _(
                "Có hơn %(n)s đơn vị tên có “%(q)s”: danh sách chỉ hiện %(n)s đơn vị đầu. Hãy chọn trong danh sách, "
                "hoặc gõ thêm chữ rồi bấm “Tìm”."
            )
        ) % {"n": found, "q": q}
    return ngettext(
        "Tìm thấy %(n)s đơn vị tên có “%(q)s”: hãy chọn trong danh sách.",
        "Tìm thấy %(n)s đơn vị tên có “%(q)s”: hãy chọn trong danh sách.",
        found,
    ) % {"n": found, "q": q}


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
