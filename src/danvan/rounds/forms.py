from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from danvan.core.actors import Visitor
from danvan.core.formatting import data_name
from danvan.core.forms import DATE_ERRORS, DATE_WIDGET, DataNameChoiceField
from danvan.orgs.forms import UnitChoiceField, only_one
from danvan.orgs.models import Unit
from danvan.rounds.access import home_units, opening_units
from danvan.rounds.models import Indicator, IndicatorSet, ReportingRound, Submission
from danvan.rounds.services import SubmissionInput
from danvan.rounds.workflow import STAFF_ROLES


class RoundForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị mở đợt báo cáo"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=STAFF_ROLES,
        help_text=gettext_lazy("Mọi đơn vị trực thuộc đang hoạt động sẽ được yêu cầu báo cáo."),
        error_messages={"invalid_choice": gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")},
    )
    title = forms.CharField(
        label=gettext_lazy("Tên đợt báo cáo"),
        max_length=500,
        help_text=gettext_lazy("Ví dụ: Báo cáo sơ kết công tác dân vận 6 tháng đầu năm 2026."),
    )
    date_from = forms.DateField(
        label=gettext_lazy("Kỳ báo cáo từ ngày"), widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )
    date_to = forms.DateField(label=gettext_lazy("đến ngày"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    due = forms.DateField(label=gettext_lazy("Hạn gửi báo cáo"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    indicator_set = DataNameChoiceField(label=gettext_lazy("Bộ chỉ tiêu"), queryset=IndicatorSet.objects.all())

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        homes = home_units(user)
        unit_field.offer(opening_units(user), shown=homes, current=self.data.get("unit"))
        only_one(self, "unit", homes)


def value_field(code: str) -> str:
    return f"v_{code}"


def section_field(code: str) -> str:
    return f"s_{code}"


class SubmissionForm(forms.Form):
    """One text box per entered indicator (parsed by the service, so the messages are the API's) and one
    text area per section of the round's outline."""

    as_of = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )

    def __init__(
        self, *args: Any, the_round: ReportingRound, indicators: list[Indicator], submission: Submission, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = [i for i in indicators if not i.is_derived]
        self.sections = the_round.outline
        for indicator in self.indicators:
            label = data_name(indicator.name)
            if indicator.unit_label:
                label = f"{label} ({data_name(indicator.unit_label)})"
            self.fields[value_field(indicator.code)] = forms.CharField(
                label=label,
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "num"}),
            )
        for section in self.sections:
            self.fields[section_field(section["code"])] = forms.CharField(
                label=data_name(section["title"]),
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    def value_fields(self) -> list[forms.BoundField]:
        return [self[value_field(i.code)] for i in self.indicators]

    def section_fields(self) -> list[forms.BoundField]:
        return [self[section_field(s["code"])] for s in self.sections]

    def to_input(self) -> SubmissionInput:
        data = self.cleaned_data
        return SubmissionInput(
            values={i.code: data.get(value_field(i.code), "") for i in self.indicators},
            sections={s["code"]: data.get(section_field(s["code"]), "") for s in self.sections},
            as_of=data.get("as_of"),
        )

    def add_service_errors(self, exc: ValidationError) -> None:
        """The service names fields "values.<code>", "sections.<code>", "as_of": put each on its box."""
        if not hasattr(exc, "error_dict"):
            self.add_error(None, exc.messages)
            return
        for name, messages in exc.message_dict.items():
            kind, _, code = name.partition(".")
            field = {"values": value_field(code), "sections": section_field(code)}.get(kind, name)
            self.add_error(field if field in self.fields else None, messages)


def initial_for(submission: Submission, values: dict[str, Any]) -> dict[str, Any]:
    from danvan.core.amounts import vn_amount

    initial: dict[str, Any] = {"as_of": submission.as_of}
    for code, value in values.items():
        initial[value_field(code)] = vn_amount(value)
    for code, text in submission.sections.items():
        initial[section_field(code)] = text
    return initial


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[("accept", "accept"), ("return", "return")])
    note = forms.CharField(
        label=gettext_lazy("Lý do trả lại"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
