"""A list of recognised models to tick (a decision's, a proposal's or a conference's recipients): searchable
with or without diacritics and narrowed by year, level, field and commune. The filter's "Lọc danh sách"
button re-shows the form on the server without saving; the project's script narrows the same list as one
types (`.recipient-list` in danvan.js). Ticked models always stay in sight. The list itself is rendered by
the template fragment "initiatives/_recipient_list.html"."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from danvan.core.formatting import data_name
from danvan.core.text import collation_key, fold
from danvan.initiatives.access import access_ticked
from danvan.initiatives.models import Initiative, Status
from danvan.orgs.models import Level, Unit

PREFIX = "loc"
FILTERING = f"{PREFIX}-apply"  # the list's "Lọc danh sách" button: re-show the form, save nothing


@dataclass(frozen=True)
class RecipientRow:
    """One recognised model offered as a recipient, with what the list is narrowed by."""

    pk: str
    title: str
    who: str
    kind: str
    year: int
    level: str
    level_label: str
    field: str
    field_label: str
    commune: str
    commune_label: str
    folded: str
    recognized: bool = True  # False for one still ticked that is no longer recognised (a conference's)
    status_label: str = ""


def _commune_of(initiative: Initiative) -> Unit:
    """The commune (or ward) a model belongs to: its unit, or the unit above a village."""
    unit = initiative.unit
    return unit.parent if unit.depth > 3 and unit.parent_id and unit.parent else unit


def recipient_rows(initiatives: Iterable[Initiative]) -> list[RecipientRow]:
    """The rows of the list; give initiatives with `unit`, `unit__parent` and `field` selected."""
    rows = []
    for i in initiatives:
        commune = _commune_of(i)
        who = i.person_name or i.unit.name
        rows.append(
            RecipientRow(
                pk=str(i.pk),
                title=i.title,
                who=who,
                kind=str(i.get_kind_display()),
                year=i.year,
                level=i.recognized_level,
                level_label=str(i.get_recognized_level_display()),
                field=str(i.field_id),
                field_label=data_name(i.field.name) if i.field_id else "",
                commune=commune.code,
                commune_label=commune.name,
                folded=fold(f"{i.title} {who} {i.unit.name}"),
                recognized=i.status == Status.RECOGNIZED,
                status_label=str(i.get_status_display()),
            )
        )
    return rows


def recipient_choices(rows: Iterable[RecipientRow]) -> list[tuple[str, str]]:
    """The choices of the form's checkbox field (what it accepts); the fragment draws the boxes."""
    return [(r.pk, f"{r.title} — {r.who} ({r.kind})") for r in rows]


class RecipientFilterForm(forms.Form):
    """Narrows the list of recognised models (by name, year, level, field, commune). Sent with the form the
    list belongs to (prefix "loc"); its "Lọc" button re-shows the list without saving; the project's script
    narrows the list as one types, with the same fields."""

    q = forms.CharField(label=gettext_lazy("Tìm theo tên"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int, required=False, empty_value=None)
    level = forms.ChoiceField(label=gettext_lazy("Cấp công nhận"), required=False)
    field = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), required=False)
    commune = forms.ChoiceField(label=gettext_lazy("Xã, phường"), required=False)

    def __init__(self, *args: Any, rows: list[RecipientRow], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        everything = [("", gettext_lazy("Tất cả"))]
        years = sorted({r.year for r in rows}, reverse=True)
        self.fields["year"].choices = [*everything, *[(y, str(y)) for y in years]]  # type: ignore[attr-defined]
        levels = {r.level: r.level_label for r in rows if r.level}
        self.fields["level"].choices = [  # type: ignore[attr-defined]
            *everything,
            *[(code, label) for code, label in Level.choices if code in levels],
        ]
        fields = {r.field: r.field_label for r in rows if r.field}
        self.fields["field"].choices = [  # type: ignore[attr-defined]
            *everything,
            *sorted(fields.items(), key=lambda item: collation_key(item[1])),
        ]
        communes = {r.commune: r.commune_label for r in rows}
        self.fields["commune"].choices = [  # type: ignore[attr-defined]
            *everything,
            *sorted(communes.items(), key=lambda item: collation_key(item[1])),
        ]

    def narrow(self, rows: list[RecipientRow], keep: Iterable[str] = ()) -> list[RecipientRow]:
        """The rows that match; those already ticked (`keep`) always stay, so a filter never drops a pick."""
        if not self.is_bound or not self.is_valid():
            return rows
        d = self.cleaned_data
        words = fold(d.get("q")).split()
        kept = set(keep)

        def matches(r: RecipientRow) -> bool:
            return (
                all(w in r.folded for w in words)
                and (d.get("year") is None or r.year == d["year"])
                and (not d.get("level") or r.level == d["level"])
                and (not d.get("field") or r.field == d["field"])
                and (not d.get("commune") or r.commune == d["commune"])
            )

        return [r for r in rows if r.pk in kept or matches(r)]


LIMIT = 300  # rows a list offers at once; the words typed and "Lọc" reach the older ones


def pickable(
    initiatives: QuerySet[Initiative],
    data: Mapping[str, Any] | None,
    picked: Iterable[Any],
    limit: int | None = None,
    ticked_among: QuerySet[Initiative] | None = None,
) -> list[Initiative]:
    """What a list offers: the first `limit` of `initiatives` (when its "Lọc" button sent the form,
    those whose search text holds every word typed, found in the database: a province's older models
    too), and every ticked one, wherever it is in the order. Ticks come from the request; only rows of
    `initiatives` (the caller's scope) are ever offered, or of `ticked_among` for the ticked ones when
    given (a set a gate scoped that holds `initiatives` and more: a conference's linked models that are
    no longer recognised; select the same relations as `initiatives`)."""
    shown = initiatives
    if data is not None and is_filtering(data):
        for word in fold(str(data.get(f"{PREFIX}-q", ""))).split():
            shown = shown.filter(search_text__contains=word)
    found = list(shown[: limit or LIMIT])
    have = {i.pk for i in found}
    more = [p for p in picked if str(p).isdigit() and int(str(p)) not in have]
    return found + access_ticked(offered=initiatives if ticked_among is None else ticked_among, ids=more)


def is_filtering(data: Mapping[str, Any]) -> bool:
    """The form was sent by the list's "Lọc danh sách" button: re-show it, save nothing, report no error."""
    return FILTERING in data


def recipient_list(
    data: Mapping[str, Any] | None, rows: list[RecipientRow], picked: Iterable[str], name: str = "initiatives"
) -> dict[str, Any]:
    """The template context of "initiatives/_recipient_list.html": the filter, the rows shown (narrowed
    when the "Lọc" button sent the form; the ticked always stay), what is ticked, the count, the field name."""
    filtering = data is not None and is_filtering(data)
    picked = {str(v) for v in picked}
    narrowing = RecipientFilterForm(data if filtering else None, rows=rows)
    return {
        "recipient_filter": narrowing,
        "recipients": narrowing.narrow(rows, keep=picked),
        "picked": picked,
        "recipients_total": len(rows),
        "recipient_field": name,
        "filtering": filtering,
    }
