from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.reports.models import Report
from danvan.reports.periods import PHASES, Period
from danvan.reports.services import validate_period

PHASE_CHOICES = [("", _("— giai đoạn —")), *[(f"{a}-{b}", f"{a} - {b}") for a, b in PHASES]]


class PeriodForm(forms.Form):
    """The period in the URL: ?nam=2025, ?nam=2026&ky=6t, ?tu=2018&den=2020, ?giai_doan=2021-2025."""

    nam = forms.IntegerField(label=_("Năm"), required=False)
    ky = forms.ChoiceField(label=_("Kỳ"), required=False, choices=[("", _("Cả năm")), ("6t", _("6 tháng đầu năm"))])
    tu = forms.IntegerField(label=_("Từ năm"), required=False)
    den = forms.IntegerField(label=_("Đến năm"), required=False)
    giai_doan = forms.ChoiceField(label=_("Giai đoạn"), required=False, choices=PHASE_CHOICES)

    def clean(self) -> dict[str, Any]:
        try:
            return self._clean_period()
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None  # the service names its own fields: show them all on top

    def _clean_period(self) -> dict[str, Any]:
        data = self.cleaned_data
        phase = data.get("giai_doan")
        if phase:
            first, last = (int(x) for x in phase.split("-"))
            data["period"] = Period(first, last)
            return data
        year = data.get("nam")
        start, end = data.get("tu"), data.get("den")
        if start or end:
            if not (start and end):
                raise ValidationError(_("Hãy nhập cả “từ năm” và “đến năm”, hoặc chỉ chọn một năm."))
            data["period"] = validate_period(year_from=start, year_to=end)
            return data
        year = year or timezone.localdate().year
        data["period"] = validate_period(year_from=year, year_to=year, first_half=data.get("ky") == "6t")
        return data

    def period(self) -> Period:
        if self.is_valid():
            return self.cleaned_data["period"]
        this_year = timezone.localdate().year
        return Period(this_year, this_year)


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Định dạng"), choices=Report.Format.choices, initial=Report.Format.DOCX)
    layout = forms.ChoiceField(label=_("Thể thức"), choices=Report.Layout.choices, initial=Report.Layout.STATE)
