from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from danvan.conferences.access import EDITORS
from danvan.conferences.models import Conference, ConferenceKind
from danvan.conferences.services import ConferenceData
from danvan.core.actors import Visitor
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Unit
from danvan.orgs.selectors import filter_units, picker_units

MONTHS = [(m, str(m)) for m in range(1, 13)]


class ConferenceForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại hội nghị"), choices=ConferenceKind.choices)
    title = forms.CharField(
        label=gettext_lazy("Tên hội nghị"),
        max_length=500,
        help_text=gettext_lazy("Ví dụ: Hội nghị tổng kết phong trào thi đua “Dân vận khéo” năm 2025."),
    )
    host_unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị tổ chức"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=EDITORS,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    scope_unit = UnitChoiceField(
        label=gettext_lazy("Phạm vi sơ kết, tổng kết"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=EDITORS,
        required=False,
        empty_label=gettext_lazy("Chính đơn vị tổ chức"),
        help_text=gettext_lazy("Đơn vị tổ chức hoặc một đơn vị trực thuộc."),
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    date = forms.DateField(label=gettext_lazy("Ngày tổ chức (dd/mm/yyyy)"))
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=255)
    chair_name = forms.CharField(label=gettext_lazy("Người chủ trì"), max_length=255)
    chair_position = forms.CharField(label=gettext_lazy("Chức vụ người chủ trì"), max_length=255, required=False)
    year_from = forms.IntegerField(label=gettext_lazy("Kỳ sơ kết, tổng kết: từ năm"))
    year_to = forms.IntegerField(label=gettext_lazy("đến năm"))
    month_from = forms.TypedChoiceField(
        label=gettext_lazy("từ tháng"), coerce=int, choices=MONTHS, initial=1, required=False
    )
    month_to = forms.TypedChoiceField(
        label=gettext_lazy("đến tháng"),
        coerce=int,
        choices=MONTHS,
        initial=12,
        required=False,
        help_text=gettext_lazy(
            "Kỳ từ tháng của năm bắt đầu đến tháng của năm kết thúc; sơ kết 6 tháng đầu năm: 1 đến 6."
        ),
    )
    attendees = forms.CharField(
        label=gettext_lazy("Đại biểu dự"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Mỗi dòng một người: Họ và tên | Chức vụ."),
    )
    decisions = forms.MultipleChoiceField(
        label=gettext_lazy("Quyết định khen thưởng công bố"), required=False, widget=forms.CheckboxSelectMultiple
    )
    initiatives = forms.MultipleChoiceField(
        label=gettext_lazy("Mô hình, điển hình được biểu dương"), required=False, widget=forms.CheckboxSelectMultiple
    )
    report_reference = forms.CharField(
        label=gettext_lazy("Báo cáo sử dụng"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Ví dụ: Báo cáo số 125-BC/ĐU ngày 10/12/2025 của Đảng ủy xã."),
    )

    def __init__(
        self,
        *args: Any,
        decision_choices: list[tuple[str, str]],
        initiative_choices: list[tuple[str, str]],
        user: Visitor,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decisions"].choices = decision_choices  # type: ignore[attr-defined]
        self.fields["initiatives"].choices = initiative_choices  # type: ignore[attr-defined]
        for name in ("host_unit", "scope_unit"):
            field = self.fields[name]
            assert isinstance(field, UnitChoiceField)
            current = self.data.get(name) or self.initial.get(name)
            field.offer(picker_units(user, EDITORS), shown=filter_units(user, EDITORS), current=current)

    def data_for_service(self) -> ConferenceData:
        d = self.cleaned_data
        attendees = []
        for line in (d.get("attendees") or "").splitlines():
            name, _sep, position = line.partition("|")
            if name.strip():
                attendees.append((name.strip(), position.strip()))
        return ConferenceData(
            kind=d["kind"],
            title=d["title"],
            host_unit=d["host_unit"],
            scope_unit=d.get("scope_unit"),
            date=d["date"],
            place=d["place"],
            chair_name=d["chair_name"],
            chair_position=d.get("chair_position") or "",
            year_from=d["year_from"],
            year_to=d["year_to"],
            month_from=d.get("month_from") or 1,
            month_to=d.get("month_to") or 12,
            attendees=attendees,
            decisions=[int(x) for x in d.get("decisions") or []],
            initiatives=[int(x) for x in d.get("initiatives") or []],
            report_reference=d.get("report_reference") or "",
        )


def initial_for(conference: Conference) -> dict[str, Any]:
    return {
        "kind": conference.kind,
        "title": conference.title,
        "host_unit": conference.host_unit.code,
        "scope_unit": conference.scope_unit.code if conference.scope_unit_id != conference.host_unit_id else "",
        "date": conference.date,
        "place": conference.place,
        "chair_name": conference.chair_name,
        "chair_position": conference.chair_position,
        "year_from": conference.year_from,
        "year_to": conference.year_to,
        "month_from": conference.month_from,
        "month_to": conference.month_to,
        "attendees": "\n".join(f"{a.name} | {a.position}".rstrip(" |") for a in conference.attendees.all()),
        "decisions": [str(pk) for pk in conference.decisions.values_list("pk", flat=True)],
        "initiatives": [str(pk) for pk in conference.initiatives.values_list("pk", flat=True)],
        "report_reference": conference.report_reference,
    }


def period_years(values: Mapping[str, Any]) -> tuple[int, int] | None:
    """The years a conference reviews, from the form sent or the conference's initial values (its decisions
    are offered first); None while they are not two years in order."""
    try:
        start, end = int(values.get("year_from") or ""), int(values.get("year_to") or "")
    except (TypeError, ValueError):
        return None
    return (start, end) if start <= end else None


class NewsForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tiêu đề"), max_length=500)
    body = forms.CharField(
        label=gettext_lazy("Nội dung"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy("Các đoạn cách nhau một dòng trống."),
    )
