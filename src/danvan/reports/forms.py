from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DATE_ERRORS, DATE_WIDGET
from danvan.orgs.forms import SEARCH_BUTTON, SEARCH_SUFFIX, UnitChoiceField
from danvan.orgs.models import Unit
from danvan.reports.models import Report
from danvan.reports.periods import PHASES, Period
from danvan.reports.services import validate_dates, validate_period

REPORT_PARAM = "bao_cao"  # the dashboard shows this report's status (asked for without htmx)

PHASE_CHOICES = [("", _("— giai đoạn —")), *[(f"{a}-{b}", f"{a} - {b}") for a, b in PHASES]]


# The parts of a year a period may be (?nam=2026&ky=...): their first and last month.
PARTS = {
    "6t": (1, 6),
    "6c": (7, 12),
    "9t": (1, 9),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
}
PART_CHOICES = [
    ("", _("Cả năm")),
    ("6t", _("6 tháng đầu năm")),
    ("6c", _("6 tháng cuối năm")),
    ("9t", _("9 tháng đầu năm")),
    ("q1", _("Quý I")),
    ("q2", _("Quý II")),
    ("q3", _("Quý III")),
    ("q4", _("Quý IV")),
]


class PeriodForm(forms.Form):
    """The period in the URL: ?nam=2025, ?nam=2026&ky=6t (6c, 9t, q1–q4), ?tu=2018&den=2020,
    ?giai_doan=2021-2025, ?tu_ngay=2025-07-01&den_ngay=2026-06-30 (whole months)."""

    nam = forms.IntegerField(label=_("Năm"), required=False)
    ky = forms.ChoiceField(label=_("Kỳ"), required=False, choices=PART_CHOICES)
    tu = forms.IntegerField(label=_("Từ năm"), required=False)
    den = forms.IntegerField(label=_("Đến năm"), required=False)
    giai_doan = forms.ChoiceField(label=_("Giai đoạn"), required=False, choices=PHASE_CHOICES)
    # dd/mm/yyyy whatever the browser's language (its date picker showed mm/dd/yyyy in an English one);
    # links written yyyy-mm-dd still read
    tu_ngay = forms.DateField(
        label=_("Từ ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )

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
        day_from, day_to = data.get("tu_ngay"), data.get("den_ngay")
        if day_from or day_to:
            data["period"] = validate_dates(date_from=day_from, date_to=day_to)
            return data
        year = data.get("nam")
        start, end = data.get("tu"), data.get("den")
        if start or end:
            if not (start and end):
                raise ValidationError(_("Hãy nhập cả “từ năm” và “đến năm”, hoặc chỉ chọn một năm."))
            data["period"] = validate_period(year_from=start, year_to=end)
            return data
        year = year or timezone.localdate().year
        period = validate_period(year_from=year, year_to=year)
        part = PARTS.get(data.get("ky") or "")
        if part:
            period = Period(year, year, month_from=part[0], month_to=part[1])
        data["period"] = period
        return data

    def period(self) -> Period:
        if self.is_valid():
            return self.cleaned_data["period"]
        this_year = timezone.localdate().year
        return Period(this_year, this_year)


class ReportForm(forms.Form):
    format = forms.ChoiceField(label=_("Định dạng"), choices=Report.Format.choices, initial=Report.Format.DOCX)
    layout = forms.ChoiceField(label=_("Thể thức"), choices=Report.Layout.choices, initial=Report.Layout.STATE)
    round = forms.TypedChoiceField(
        label=_("Gồm báo cáo của các đơn vị trong đợt"), coerce=int, required=False, empty_value=None, choices=[]
    )

    def __init__(self, *args: Any, rounds: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        """`rounds`: the reporting rounds of the unit the report may include (read only where offered)."""
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [("", _("— không kèm đợt báo cáo —")), *(rounds or [])]  # type: ignore[attr-defined]


class ReportTextForm(forms.Form):
    """What the unit writes itself for its report (sections II–IV), before the document is made."""

    evaluation = forms.CharField(
        label=_("II. Đánh giá chung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ưu điểm, hạn chế, nguyên nhân và bài học kinh nghiệm. Mỗi đoạn một dòng."),
    )
    direction = forms.CharField(
        label=_("III. Phương hướng, nhiệm vụ thời gian tới"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Nhiệm vụ trọng tâm kỳ tới đã giao được ghi thêm vào mục này."),
    )
    proposals = forms.CharField(
        label=_("IV. Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class UnitJumpForm(forms.Form):
    """Go to another unit's figures by typing its name (a unit picker over the viewer's scope), in the
    same period."""

    don_vi = UnitChoiceField(
        label=_("Xem số liệu của đơn vị"), queryset=Unit.objects.none(), to_field_name="code", empty_label=None
    )

    def __init__(self, *args: Any, units: Any, scope: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["don_vi"]
        assert isinstance(field, UnitChoiceField)
        field.offer(scope, shown=units, current=self.data.get("don_vi"))

    @staticmethod
    def asked(data: Any) -> bool:
        return "don_vi" in data or data.get(SEARCH_BUTTON) == "don_vi"

    @staticmethod
    def kept(data: Any) -> list[tuple[str, str]]:
        """The period's parameters to carry to the other unit's page (the form's own left out)."""
        own = {"don_vi", "don_vi" + SEARCH_SUFFIX, SEARCH_BUTTON, REPORT_PARAM}
        return [(key, value) for key, value in data.items() if key not in own]
