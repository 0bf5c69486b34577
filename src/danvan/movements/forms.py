from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import DATE_ERRORS, DATE_WIDGET
from danvan.movements.models import Criterion
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Role, Unit


class ProgrammeForm(forms.Form):
    number = forms.CharField(label=_("Số hiệu"), max_length=50, help_text=_("Ví dụ: 06-ĐA/TU, 20-CT/ThU, 17-KH/BDVTW"))
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    issuer = UnitChoiceField(
        label=_("Cơ quan ban hành"), queryset=Unit.objects.none(), empty_label=None, roles=(Role.ADMIN,)
    )
    start = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    end = forms.DateField(label=_("Đến ngày"), widget=DATE_WIDGET, error_messages=DATE_ERRORS)
    own_criteria = forms.BooleanField(
        label=_("Chương trình có bộ tiêu chí riêng (sao chép từ bộ mặc định để sửa)"), required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issuer = self.fields["issuer"]
        assert isinstance(issuer, forms.ModelChoiceField)
        issuer.queryset = units


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["name", "weight", "max_score", "sort"]
        # the weight is written the Vietnamese way ("1,5"), and shown so ("2,00", never "2.00")
        localized_fields = ["weight"]
        widgets = {"name": forms.TextInput(), "weight": forms.TextInput(attrs={"inputmode": "decimal", "size": 6})}


CriterionFormSet = forms.modelformset_factory(Criterion, form=CriterionForm, extra=1, can_delete=False)


class CriteriaSetForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=255)
