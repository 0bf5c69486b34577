import re
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import data_name
from danvan.core.forms import DataNameChoiceField
from danvan.movements.models import CriteriaSet, Field, InitiativeKind
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Unit
from danvan.reviews.models import Review
from danvan.reviews.selectors import QueueFilters
from danvan.reviews.services import score_field, score_text


class QueueFilterForm(forms.Form):
    field = DataNameChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False, empty_label=_("Tất cả")
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *InitiativeKind.choices], required=False)
    unit = UnitChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none(), to_field_name="code", required=False, empty_label=_("Tất cả")
    )
    unscored = forms.BooleanField(label=_("Chỉ mô hình tôi chưa chấm"), required=False)

    def __init__(self, *args: Any, units: Any, scope: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.offer(units if scope is None else scope, shown=units, current=self.data.get("unit"))

    def filters(self) -> QueueFilters:
        d = self.cleaned_data if self.is_valid() else {}
        field = d.get("field")
        return QueueFilters(
            field=field.pk if field else "",
            kind=d.get("kind") or "",
            unit=d.get("unit"),
            unscored=bool(d.get("unscored")),
        )


SCORE_PATTERN = re.compile(r"-?\d{1,4}(?:[.,]\d+)?")


class ScoreInput(forms.CharField):
    """A score as a person types it: "8,5" (decimal comma) or "8.5" or "8". The range and the two
    decimals are the service's rule, checked there with the criterion's name."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(super().to_python(value)).strip().replace(" ", "")
        if not text:
            return None
        if not SCORE_PATTERN.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return Decimal(text.replace(",", "."))


class ScoreForm(forms.Form):
    """One number per criterion of the set, and a comment. Bounds are checked by the service too."""

    comment = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, criteria_set: CriteriaSet, review: Review | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = {s.criterion_id: s.score for s in review.scores.all()} if review else {}
        self.criteria = list(criteria_set.criteria.all())
        for criterion in self.criteria:
            given_score = given.get(criterion.pk)
            self.fields[score_field(criterion.pk)] = ScoreInput(
                label=data_name(criterion.name),
                required=False,
                help_text=_("Từ 0 đến %(max)s điểm, trọng số %(weight)s")
                % {"max": criterion.max_score, "weight": score_text(criterion.weight)},
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "autocomplete": "off",
                        "data-weight": str(criterion.weight),
                        "data-max": criterion.max_score,
                    }
                ),
                initial=score_text(given_score) if given_score is not None else None,
                error_messages={
                    "invalid": _("“%(criterion)s”: hãy nhập một số từ 0 đến %(max)s, ví dụ 8 hoặc 8,5.")
                    % {"criterion": data_name(criterion.name), "max": criterion.max_score}
                },
            )
        if review is not None:
            self.fields["comment"].initial = review.comment
        self.order_fields([*(score_field(c.pk) for c in self.criteria), "comment"])

    def scores(self) -> dict[int, Decimal | int | None]:
        return {c.pk: self.cleaned_data.get(score_field(c.pk)) for c in self.criteria}

    def max_total(self) -> Decimal:
        return sum((Decimal(c.max_score) * c.weight for c in self.criteria), Decimal(0))

    def score_fields(self) -> list[Any]:
        return [self[score_field(c.pk)] for c in self.criteria]


class BulkRecognizeForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        required=True,
        error_messages={
            "required": _("Hãy đánh dấu ít nhất một mô hình để công nhận."),
        },
    )
    note = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids_field = self.fields["ids"]
        assert isinstance(ids_field, forms.TypedMultipleChoiceField)
        # the ids are checked against the user's queue by the service: any integer may be sent here
        ids_field.valid_value = lambda value: str(value).isdigit()  # type: ignore[method-assign]
