from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from danvan.awards.access import MANAGERS
from danvan.awards.models import Award, AwardForm, Decision, DecisionStatus, RecipientKind
from danvan.awards.services import DecisionData
from danvan.core.actors import Visitor
from danvan.core.forms import DataNameChoiceField
from danvan.core.text import collation_key, fold
from danvan.initiatives.models import Initiative
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Level, Unit
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


# The recipients picked from recognised models: a list to search and narrow ----------------------------


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


def _commune_of(initiative: Initiative) -> Unit:
    """The commune (or ward) a model belongs to: its unit, or the unit above a village."""
    unit = initiative.unit
    return unit.parent if unit.depth > 3 and unit.parent_id and unit.parent else unit


def recipient_rows(initiatives: Iterable[Initiative]) -> list[RecipientRow]:
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
                field_label=str(i.field.name) if i.field_id else "",
                commune=commune.code,
                commune_label=commune.name,
                folded=fold(f"{i.title} {who} {i.unit.name}"),
            )
        )
    return rows


class RecipientFilterForm(forms.Form):
    """Narrows the list of recognised models (by name, year, level, field, commune). Sent with the decision
    form (prefix "loc"), its "Lọc" button re-shows the list without saving; the project's script narrows
    the list as one types, with the same fields."""

    q = forms.CharField(label=gettext_lazy("Tìm theo tên"), required=False, max_length=100)
    year = forms.TypedChoiceField(label=gettext_lazy("Năm"), coerce=int, required=False, empty_value=None)
    level = forms.ChoiceField(label=gettext_lazy("Cấp công nhận"), required=False)
    field = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), required=False)
    commune = forms.ChoiceField(label=gettext_lazy("Xã, phường"), required=False)

    def __init__(self, *args: Any, rows: list[RecipientRow], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "loc")
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
