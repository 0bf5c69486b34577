from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from danvan.awards.access import MANAGERS
from danvan.awards.models import Award, AwardForm, Decision, DecisionStatus, RecipientKind
from danvan.awards.services import DecisionData
from danvan.core.actors import Visitor
from danvan.core.forms import DataNameChoiceField
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Unit
from danvan.orgs.selectors import filter_units, picker_units, scope_and_above

SEPARATOR = "|"


class DecisionFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị ban hành (gồm đơn vị trực thuộc)"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("Tất cả"),
        above=True,
        error_messages={
            "invalid_choice": gettext_lazy("Không có đơn vị này trong phạm vi bạn xem được. Hãy chọn trong danh sách.")
        },
    )
    year_from = forms.IntegerField(label=gettext_lazy("Từ năm"), required=False, min_value=2000, max_value=2100)
    year_to = forms.IntegerField(label=gettext_lazy("Đến năm"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(
        label=gettext_lazy("Trạng thái"),
        required=False,
        choices=[("", gettext_lazy("Tất cả")), *DecisionStatus.choices],
    )
    number = forms.CharField(label=gettext_lazy("Số quyết định"), required=False, max_length=60)

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        # decisions are read in the scope and from the units above it (the province commends a village)
        unit_field.offer(scope_and_above(user), shown=filter_units(user), current=self.data.get("unit"))

    def filters(self) -> dict[str, Any]:
        """The valid filters as `selectors.decision_list` takes them (none when the form is invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "unit": data.get("unit"),
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
            "status": data.get("status", ""),
            "number": data.get("number", ""),
        }


class DecisionForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"), max_length=60, help_text=gettext_lazy("Ví dụ: 2559/QĐ-UBND hoặc 15-QĐ/HU.")
    )
    date = forms.DateField(label=gettext_lazy("Ngày ký (dd/mm/yyyy)"))
    issuer_unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị ban hành"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=MANAGERS,
        empty_label=None,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Hãy chọn một đơn vị mà bạn là người phê duyệt hoặc quản trị: "
                "chỉ họ được ban hành quyết định của đơn vị."
            )
        },
    )
    award_form = DataNameChoiceField(
        label=gettext_lazy("Hình thức khen thưởng"),
        queryset=AwardForm.objects.filter(active=True),
        to_field_name="code",
        empty_label=gettext_lazy("— Chọn hình thức —"),
    )
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=255)
    signer_title = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Mỗi dòng một dòng của khối chữ ký, ví dụ “KT. CHỦ TỊCH” rồi “PHÓ CHỦ TỊCH”."),
    )
    title = forms.CharField(
        label=gettext_lazy("Trích yếu"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Để trống để dùng câu mặc định."),
    )
    legal_bases = forms.CharField(
        label=gettext_lazy("Căn cứ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Mỗi dòng một căn cứ, bắt đầu bằng “Căn cứ ...”."),
    )
    proposal = forms.CharField(label=gettext_lazy("Theo đề nghị của"), max_length=500, required=False)
    citation = forms.CharField(
        label=gettext_lazy("Thành tích"), required=False, help_text=gettext_lazy("Để trống để dùng câu mặc định.")
    )
    place = forms.CharField(
        label=gettext_lazy("Địa danh"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Để trống để dùng tên đơn vị."),
    )
    issuer_body = forms.CharField(
        label=gettext_lazy("Tên cơ quan ban hành (đầu văn bản)"),
        max_length=255,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Mỗi dòng một cấp; để trống để dùng mẫu của thể thức văn bản."),
    )
    authority = forms.CharField(
        label=gettext_lazy("Thẩm quyền ban hành"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Ví dụ: CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ; để trống để dùng mẫu."),
    )
    initiatives = forms.MultipleChoiceField(
        label=gettext_lazy("Mô hình, điển hình đã công nhận"), required=False, widget=forms.CheckboxSelectMultiple
    )
    collectives = forms.CharField(
        label=gettext_lazy("Tập thể khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Mỗi dòng một tập thể: Tên tập thể | Đơn vị."),
    )
    individuals = forms.CharField(
        label=gettext_lazy("Cá nhân khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Mỗi dòng một người: Họ và tên | Chức vụ | Đơn vị."),
    )

    def __init__(self, *args: Any, initiative_choices: list[tuple[str, str]], user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].choices = initiative_choices  # type: ignore[attr-defined]
        issuer_field = self.fields["issuer_unit"]
        assert isinstance(issuer_field, UnitChoiceField)
        # any unit the user manages; the drop-down lists the top of their scope, the type-ahead finds the rest
        current = self.data.get("issuer_unit") or self.initial.get("issuer_unit")
        issuer_field.offer(picker_units(user, MANAGERS), shown=filter_units(user, MANAGERS), current=current)

    def awards(self) -> list[dict[str, Any]]:
        """Recipients as the services take them: initiatives first, then the named ones."""
        awards: list[dict[str, Any]] = [{"initiative": pk} for pk in self.cleaned_data.get("initiatives") or []]
        for line in (self.cleaned_data.get("collectives") or "").splitlines():
            parts = [p.strip() for p in line.split(SEPARATOR)]
            if parts[0]:
                awards.append(
                    {
                        "recipient_name": parts[0],
                        "recipient_kind": RecipientKind.COLLECTIVE,
                        "unit_name": _part(parts, 1),
                    }
                )
        for line in (self.cleaned_data.get("individuals") or "").splitlines():
            parts = [p.strip() for p in line.split(SEPARATOR)]
            if parts[0]:
                awards.append(
                    {
                        "recipient_name": parts[0],
                        "recipient_kind": RecipientKind.INDIVIDUAL,
                        "position": _part(parts, 1),
                        "unit_name": _part(parts, 2),
                    }
                )
        return awards

    def decision_data(self) -> DecisionData:
        data = self.cleaned_data
        extra = {n: data.get(n) or "" for n in ["title", "legal_bases", "proposal", "citation", "place",
                                                 "issuer_body", "authority"]}  # fmt: skip
        return DecisionData(
            number=data["number"],
            date=data["date"],
            issuer_unit=data["issuer_unit"],
            award_form=data["award_form"],
            signer_name=data["signer_name"],
            signer_title=data["signer_title"],
            awards=self.awards(),
            **extra,
        )


def _part(parts: list[str], index: int) -> str:
    return parts[index] if len(parts) > index else ""


def initial_for(decision: Decision, awards: list[Award]) -> dict[str, Any]:
    """A form's starting values from a decision (to edit a draft or to correct an issued one)."""
    named = [a for a in awards if a.initiative_id is None]
    return {
        "number": decision.number,
        "date": decision.date,
        "issuer_unit": decision.issuer_unit.code,
        "award_form": decision.award_form.code,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "title": decision.title,
        "legal_bases": decision.legal_bases,
        "proposal": decision.proposal,
        "citation": decision.citation,
        "place": decision.place,
        "issuer_body": decision.issuer_body,
        "authority": decision.authority,
        "initiatives": [str(a.initiative_id) for a in awards if a.initiative_id],
        "collectives": "\n".join(
            f"{a.recipient_name} | {a.unit_name}".rstrip(" |")
            for a in named
            if a.recipient_kind == RecipientKind.COLLECTIVE
        ),
        "individuals": "\n".join(
            f"{a.recipient_name} | {a.position} | {a.unit_name}".rstrip(" |")
            for a in named
            if a.recipient_kind == RecipientKind.INDIVIDUAL
        ),
    }


class RevokeForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu quyết định hủy"),
        max_length=60,
        help_text=gettext_lazy("Ví dụ: 2700/QĐ-UBND."),
    )
    date = forms.DateField(label=gettext_lazy("Ngày ký (dd/mm/yyyy)"))
    reason = forms.CharField(
        label=gettext_lazy("Lý do hủy"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Ví dụ: kê khai thành tích không trung thực (Luật Thi đua, khen thưởng 2022, Chương VII)."
        ),
    )
