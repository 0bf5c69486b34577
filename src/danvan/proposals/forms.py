from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.awards.models import AwardForm
from danvan.core.actors import Visitor
from danvan.core.forms import DataNameChoiceField
from danvan.core.uploads import UploadLimit, WholeUploadForm
from danvan.initiatives.files import max_bytes
from danvan.orgs.forms import UnitChoiceField, only_one
from danvan.orgs.models import Unit
from danvan.proposals.access import (
    DECIDERS,
    PROPOSERS,
    deciding_units,
    home_superiors,
    home_units,
    proposing_units,
    superior_candidates,
)
from danvan.proposals.models import Council, DocumentCode, Proposal, ProposalItem
from danvan.proposals.selectors import item_label

SEPARATOR = "|"
KIND_WORDS = {"tập thể": "collective", "cá nhân": "individual"}


OUTSIDE = gettext_lazy("Hãy chọn một đơn vị trong phạm vi của bạn.")


class ProposalForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị đề nghị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=PROPOSERS,
        error_messages={"invalid_choice": OUTSIDE},
    )
    to_unit = UnitChoiceField(
        label=gettext_lazy("Cấp quyết định (đơn vị cấp trên)"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        above=True,
        error_messages={
            "invalid_choice": gettext_lazy(
                "“%(value)s” không phải là cấp trên của đơn vị đề nghị: đề nghị khen thưởng chỉ gửi lên một đơn vị "
                "cấp trên. Hãy chọn trong danh sách."
            )
        },
    )
    award_form = DataNameChoiceField(
        label=gettext_lazy("Hình thức khen thưởng"),
        queryset=AwardForm.objects.filter(active=True),
        to_field_name="code",
        empty_label=gettext_lazy("— Chọn hình thức —"),
    )
    number = forms.CharField(label=gettext_lazy("Số tờ trình"), max_length=60, required=False)
    date = forms.DateField(label=gettext_lazy("Ngày tờ trình (dd/mm/yyyy)"))
    initiatives = forms.MultipleChoiceField(
        label=gettext_lazy("Mô hình, điển hình đã được công nhận"), required=False, widget=forms.CheckboxSelectMultiple
    )
    others = forms.CharField(
        label=gettext_lazy("Tập thể, cá nhân khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Mỗi dòng: tên | tập thể hoặc cá nhân | thành tích | nữ hoặc nam (cá nhân), tỷ lệ nữ % (tập thể)."
        ),
    )

    def __init__(self, *args: Any, user: Visitor, initiatives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(UnitChoiceField, self.fields["unit"])
        homes = home_units(user, PROPOSERS)
        unit_field.offer(proposing_units(user), shown=homes, current=self.data.get("unit"))
        only_one(self, "unit", homes)
        to_field = cast(UnitChoiceField, self.fields["to_unit"])
        to_field.offer(superior_candidates(user), shown=home_superiors(user), current=self.data.get("to_unit"))
        cast(forms.ChoiceField, self.fields["initiatives"]).choices = initiatives

    def clean_others(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for number, line in enumerate(self.cleaned_data["others"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(SEPARATOR)]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Dòng %(n)s: hãy ghi “tên | tập thể hoặc cá nhân | thành tích”.") % {"n": number}
                )
            kind = KIND_WORDS.get(parts[1].lower(), parts[1])
            item: dict[str, Any] = {"recipient_name": parts[0], "recipient_kind": kind, "achievement": parts[2]}
            extra = parts[3].lower().rstrip("%").strip() if len(parts) > 3 else ""
            if extra in ("nữ", "female"):
                item["recipient_gender"] = "female"
            elif extra in ("nam", "male"):
                item["recipient_gender"] = "male"
            elif extra.isdigit():
                item["women_share"] = int(extra)
            items.append(item)
        return items

    def items(self) -> list[dict[str, Any]]:
        return [{"initiative": int(pk)} for pk in self.cleaned_data["initiatives"]] + self.cleaned_data["others"]


SCAN_ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
SCAN_TOO_BIG = gettext_lazy(
    "Tệp “{name}” nặng {size} MB, quá giới hạn %(max)s MB mỗi tệp: hãy quét lại với độ phân giải thấp hơn "
    "(150–200 dpi là đủ đọc) hoặc giảm dung lượng rồi chọn lại. Chưa có gì được gửi đi."
)


class UploadForm(WholeUploadForm):
    """The signed, stamped scan of one dossier document (checked by its bytes in `dossier_upload`)."""

    code = forms.ChoiceField(
        label=gettext_lazy("Văn bản"),
        choices=DocumentCode.choices,
        error_messages={"required": gettext_lazy("Hãy chọn văn bản của hồ sơ.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Bản đã ký, đóng dấu (PDF hoặc ảnh)"),
        widget=forms.ClearableFileInput(attrs={"accept": SCAN_ACCEPT}),
        error_messages={"required": gettext_lazy("Hãy chọn tệp bản ký, đóng dấu (PDF hoặc ảnh chụp).")},
    )

    def upload_limits(self) -> dict[str, UploadLimit]:
        return {"file": UploadLimit(max_bytes=max_bytes(), too_big=SCAN_TOO_BIG)}


class CouncilForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("Đơn vị"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        roles=DECIDERS,
        error_messages={"invalid_choice": OUTSIDE},
    )
    name = forms.CharField(label=gettext_lazy("Tên hội đồng"), max_length=255)
    members = forms.CharField(
        label=gettext_lazy("Thành viên"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Mỗi dòng một thành viên: họ và tên | chức vụ trong hội đồng."),
    )

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(UnitChoiceField, self.fields["unit"])
        homes = home_units(user, DECIDERS)
        unit_field.offer(deciding_units(user), shown=homes, current=self.data.get("unit"))
        only_one(self, "unit", homes)

    def clean_members(self) -> list[dict[str, str]]:
        members = []
        for line in self.cleaned_data["members"].splitlines():
            if line.strip():
                name, _sep, position = line.partition(SEPARATOR)
                members.append({"name": name.strip(), "position": position.strip()})
        return members


class VoteForm(forms.Form):
    council = forms.ModelChoiceField(label=gettext_lazy("Hội đồng"), queryset=Council.objects.none())
    date = forms.DateField(label=gettext_lazy("Ngày họp (dd/mm/yyyy)"))
    present = forms.IntegerField(label=gettext_lazy("Số thành viên có mặt"), min_value=0, max_value=10_000)

    def __init__(self, *args: Any, proposal: Proposal, items: list[ProposalItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["council"]).queryset = Council.objects.filter(
            unit=proposal.to_unit, active=True
        )
        self.items = items
        for index, item in enumerate(items):
            # Two models of one village share its name: the achievement (the model) tells them apart.
            name = item_label(item)
            agree = _("Đồng ý tại hội nghị: %(name)s") % {"name": name}
            written = _("Đồng ý bằng văn bản: %(name)s") % {"name": name}
            self.fields[f"agree_{index}"] = forms.IntegerField(
                label=agree, min_value=0, max_value=10_000, widget=forms.NumberInput(attrs={"aria-label": agree})
            )
            self.fields[f"written_{index}"] = forms.IntegerField(
                label=written,
                min_value=0,
                max_value=10_000,
                initial=0,
                widget=forms.NumberInput(attrs={"aria-label": written}),
            )

    def rows(self) -> list[tuple[ProposalItem, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"agree_{i}"], self[f"written_{i}"]) for i, item in enumerate(self.items)]

    def votes(self) -> list[dict[str, int]]:
        data = self.cleaned_data
        return [
            {"item": i, "agree": data[f"agree_{i}"], "written_agree": data[f"written_{i}"] or 0}
            for i in range(len(self.items))
        ]


class DecideForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu quyết định"), max_length=60, help_text=gettext_lazy("Ví dụ: 2559/QĐ-UBND.")
    )
    date = forms.DateField(label=gettext_lazy("Ngày ký (dd/mm/yyyy)"))
    signer_name = forms.CharField(label=gettext_lazy("Người ký"), max_length=255)
    signer_title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=255)
