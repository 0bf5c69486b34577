"""A list of issued decisions to tick (the decisions a conference announces): searchable by number, issuing
unit and summary with or without diacritics (in the database, by the stored `Decision.search_text`, folded
by `core.text.fold`, the project's one folding), narrowed by year, those of the conference's period first.
Sent with the form it belongs to (prefix "qd"); the form's "Lọc danh
sách" button (`initiatives.picklist.FILTERING`, one for every list of a form) re-shows it without saving,
and the project's script narrows the rows shown as one types (`[data-recipient-picker]` in danvan.js).
Ticked decisions always stay in sight, whatever their age: they are read back only among the decisions a
gate scoped (`awards.access.access_ticked_decisions`). The fragment "awards/_decision_list.html" draws it."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy

from danvan.awards.access import access_ticked_decisions
from danvan.awards.models import Decision
from danvan.core.text import fold
from danvan.initiatives.picklist import is_filtering

PREFIX = "qd"
LIMIT = 300  # rows the list offers at once; the words typed, a year and "Lọc danh sách" reach the others
_FIELDS = ("pk", "number", "date", "year", "issuer_unit__name", "title", "search_text")


@dataclass(frozen=True)
class DecisionRow:
    """One issued decision offered to tick, with the folded text the list is searched by."""

    pk: str
    number: str
    date: datetime.date
    year: int
    issuer: str
    title: str
    folded: str

    @property
    def label(self) -> str:
        return f"{self.number} — {self.date:%d/%m/%Y} — {self.issuer}"


def _row(pk: int, number: str, date: datetime.date, year: int, issuer: str, title: str, folded: str) -> DecisionRow:
    return DecisionRow(str(pk), number, date, year, issuer, title, folded)


class DecisionFilterForm(forms.Form):
    """Narrows the list of decisions by words of their number, issuing unit or summary, and by year."""

    q = forms.CharField(label=gettext_lazy("Tìm theo số, đơn vị ban hành, trích yếu"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=gettext_lazy("Năm ký"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, years: Iterable[int], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", gettext_lazy("Tất cả")),
            *[(y, str(y)) for y in sorted(set(years), reverse=True)],
        ]


@dataclass
class DecisionList:
    """What the list offers and the template context that draws it."""

    filter: DecisionFilterForm
    rows: list[DecisionRow]
    picked: set[str]
    total: int  # issued decisions the caller may announce, in all
    more: bool  # more of them match than the list shows

    def choices(self) -> list[tuple[str, str]]:
        """The choices of the form's checkbox field (what it accepts); the fragment draws the boxes."""
        return [(r.pk, r.label) for r in self.rows]

    def context(self) -> dict[str, Any]:
        return {
            "decision_filter": self.filter,
            "decision_rows": self.rows,
            "decisions_picked": self.picked,
            "decisions_total": self.total,
            "decisions_more": self.more,
            "decisions_limit": LIMIT,
        }


def decision_list(
    decisions: QuerySet[Decision],
    data: Mapping[str, Any] | None,
    picked: Iterable[Any],
    period: tuple[int, int] | None = None,
) -> DecisionList:
    """What a list offers: the first LIMIT of `decisions` (issued ones a gate of awards.access scoped), those
    signed in the years of `period` or the year after (a year's decisions are often signed at its review,
    early the next year) first, then the newest; when the form's "Lọc danh sách" button sent it, only those
    of the year chosen whose number, issuing unit and summary hold every word typed, searched among all of
    them in the database (their stored folded text, `Decision.search_text`); and every ticked one, wherever
    it is in the order. Three queries whatever the number of decisions: the years, the rows, the ticked
    ones beyond the rows (only when there are some)."""
    years = dict(decisions.order_by().values("year").annotate(n=Count("pk")).values_list("year", "n"))
    narrowing = DecisionFilterForm(data if data is not None and is_filtering(data) else None, years=years)
    words: list[str] = []
    shown = decisions.order_by("-date", "-pk")
    if narrowing.is_bound and narrowing.is_valid():
        words = fold(narrowing.cleaned_data.get("q")).split()
        if narrowing.cleaned_data.get("year") is not None:
            shown = shown.filter(year=narrowing.cleaned_data["year"])
    if period is not None:
        first = Case(
            When(year__range=(period[0], period[1] + 1), then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        shown = shown.annotate(in_period=first).order_by("in_period", "-date", "-pk")
    for word in words:  # the stored folded text (Decision.search_text), searched in the database
        shown = shown.filter(search_text__contains=word)
    rows = [_row(*value) for value in shown.values_list(*_FIELDS)[: LIMIT + 1]]
    more, rows = len(rows) > LIMIT, rows[:LIMIT]
    ticked = {str(p) for p in picked}
    have = {r.pk for r in rows}
    for d in access_ticked_decisions(
        offered=decisions.select_related("issuer_unit").order_by("-date", "-pk"),
        ids=[p for p in ticked if p not in have],
    ):
        rows.append(_row(d.pk, d.number, d.date, d.year, d.issuer_unit.name, d.title, d.search_text))
    return DecisionList(filter=narrowing, rows=rows, picked=ticked, total=sum(years.values()), more=more)
