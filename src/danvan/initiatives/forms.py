"""Forms of the initiative pages: they parse input and hand `InitiativeData` to the services."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.amounts import vn_amount
from danvan.core.formatting import data_name
from danvan.core.forms import DATE_ERRORS, DATE_WIDGET, DataNameChoiceField
from danvan.core.uploads import UPLOAD_END, UploadLimit, WholeUploadForm
from danvan.initiatives.files import PreparedFile, max_bytes, prepare_upload
from danvan.initiatives.measures import measures_of
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.selectors import InitiativeFilters
from danvan.initiatives.services import MIN_YEAR, InitiativeData
from danvan.measures.models import Measure
from danvan.movements.models import Field, Gender, InitiativeKind, Programme
from danvan.orgs.forms import UnitChoiceField
from danvan.orgs.models import Level, Role, Unit, levels_on

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.pdf,.docx,.jpg,.jpeg,.png,.webp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked from its bytes (type, size), photos re-encoded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[PreparedFile]:  # type: ignore[override]
        uploads: list[UploadedFile] = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        prepared, errors = [], []
        for upload in uploads:
            try:
                prepared.append(prepare_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError([*errors, _("Vì trình duyệt không giữ tệp đã chọn, hãy chọn lại các tệp hợp lệ.")])
        return prepared


PHOTO_TOO_BIG = _(
    "Tệp “{name}” nặng {size} MB, quá giới hạn %(max)s MB mỗi tệp: hãy chọn ảnh nhỏ hơn hoặc giảm "
    "dung lượng rồi chọn lại. Chưa có gì được gửi đi."
)


class EvidenceUploadForm(WholeUploadForm):
    """A form whose `uploads` are evidence (photos, PDF, Word), each up to DANVAN_ATTACHMENT_MAX_BYTES."""

    def upload_limits(self) -> dict[str, UploadLimit]:
        return {"uploads": UploadLimit(max_bytes=max_bytes(), too_big=PHOTO_TOO_BIG)}


def year_choices() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(y, y) for y in range(this_year + 1, MIN_YEAR - 1, -1)]


class InitiativeForm(EvidenceUploadForm):
    """Phiếu đăng ký mô hình, điển hình: every field units are asked for."""

    title = forms.CharField(label=_("Tên mô hình, điển hình"), max_length=500, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=InitiativeKind.choices, widget=forms.RadioSelect)
    field = DataNameChoiceField(
        label=_("Lĩnh vực"),
        queryset=Field.objects.filter(active=True),
        required=False,
        empty_label=_("— Chọn lĩnh vực —"),
    )
    unit = UnitChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.none(), empty_label=None, roles=(Role.OFFICER, Role.ADMIN)
    )
    person_name = forms.CharField(label=_("Họ và tên (điển hình cá nhân)"), max_length=255, required=False)
    person_position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    person_unit = forms.CharField(label=_("Đơn vị công tác"), max_length=255, required=False)
    person_gender = forms.ChoiceField(
        label=_("Giới tính (điển hình cá nhân)"), choices=[("", "—"), *Gender.choices], required=False
    )
    women_share = forms.IntegerField(
        label=_("Tỷ lệ nữ của tập thể (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Nghị định 152/2025/NĐ-CP Điều 4 ưu tiên tập thể có từ 70 % nữ trở lên."),
    )
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    problem = forms.CharField(
        label=_("Sự cần thiết, lý do xây dựng"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goals = forms.CharField(label=_("Mục tiêu, chỉ tiêu"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    content = forms.CharField(label=_("Nội dung, cách làm"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    area_served = forms.CharField(
        label=_("Địa bàn, đối tượng tác động"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    forces = forms.CharField(label=_("Lực lượng tham gia"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    resources = forms.CharField(label=_("Nguồn lực"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    start_date = forms.DateField(
        label=_("Ngày bắt đầu"), widget=DATE_WIDGET, error_messages=DATE_ERRORS, required=False
    )
    end_date = forms.DateField(
        label=_("Ngày kết thúc (nếu có)"), widget=DATE_WIDGET, error_messages=DATE_ERRORS, required=False
    )
    results = forms.CharField(
        label=_("Sản phẩm, kết quả đo đếm được"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    sustainability = forms.CharField(
        label=_("Cách duy trì, nhân rộng"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Thực hiện theo chương trình, đề án"),
        queryset=Programme.objects.all(),
        required=False,
        empty_label=_("(không theo chương trình cụ thể)"),
    )
    year = forms.TypedChoiceField(label=_("Năm đăng ký"), coerce=int, choices=())
    registered_level = forms.ChoiceField(label=_("Cấp đăng ký"), choices=Level.choices, initial=Level.COMMUNE)
    uploads = MultipleFileField(
        label=_("Ảnh, tài liệu minh chứng"),
        help_text=_("Ảnh JPEG, PNG, WebP; PDF; Word (.docx). Mỗi tệp tối đa 10 MB."),
    )
    confirm_similar = forms.BooleanField(
        label=_("Tôi đã xem các mô hình có tên gần giống và vẫn muốn đăng ký"), required=False
    )

    historical_levels = False

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = units
        # the levels of today (no district from 1 July 2025); a historical record keeps them all
        level_field = self.fields["registered_level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.choices = Level.choices if self.historical_levels else levels_on(timezone.localdate())
        # Only the programmes that apply to one of these units: issued by the unit or a unit above it.
        programme_field = self.fields["programme"]
        assert isinstance(programme_field, forms.ModelChoiceField)
        programme_field.queryset = Programme.objects.filter(
            Exists(units.filter(path__startswith=OuterRef("issuer__path")))
        ).select_related("issuer")
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = year_choices()
        if not self.is_bound and "year" not in self.initial:
            self.initial["year"] = timezone.localdate().year
        # Kết quả định lượng: one box per measure, read by the service (its messages are the API's).
        self.measures = list(Measure.objects.filter(active=True))
        for measure in self.measures:
            label = data_name(measure.name) + (f" ({data_name(measure.unit_label)})" if measure.unit_label else "")
            self.fields[f"measure_{measure.code}"] = forms.CharField(
                label=label,
                required=False,
                max_length=40,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )

    def measure_fields(self) -> list[forms.BoundField]:
        return [self[f"measure_{m.code}"] for m in self.measures]

    def to_data(self) -> InitiativeData:
        d = self.cleaned_data
        names = [f.name for f in InitiativeData.__dataclass_fields__.values() if f.name in d]
        values = {name: d[name] for name in names}
        measures = {m.code: d.get(f"measure_{m.code}", "") for m in self.measures}
        return InitiativeData(**{**values, "title": d.get("title") or "", "measures": measures})

    @classmethod
    def initial_from(cls, initiative: Initiative) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in ("uploads", "confirm_similar", UPLOAD_END)]
        initial = {name: getattr(initiative, name) for name in names}
        initial.update({f"measure_{code}": vn_amount(v) for code, v in measures_of(initiative).items()})
        return initial


class HistoricalForm(InitiativeForm):
    """Nhập số liệu lịch sử: an initiative of the years before danvan, entered in its final state."""

    status = forms.ChoiceField(
        label=_("Trạng thái cuối"),
        choices=[(s.value, s.label) for s in (Status.RECOGNIZED, Status.REGISTERED, Status.NOT_RECOGNIZED)],
    )
    recognized_level = forms.ChoiceField(label=_("Cấp công nhận"), choices=[("", "—"), *Level.choices], required=False)
    recognized_on = forms.DateField(
        label=_("Ngày công nhận"), widget=DATE_WIDGET, error_messages=DATE_ERRORS, required=False
    )
    exemplary = forms.BooleanField(label=_("Được chọn là tiêu biểu"), required=False)
    registered_on = forms.DateField(
        label=_("Ngày đăng ký"),
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
        required=False,
        help_text=_("Ngày đơn vị đã đăng ký mô hình (dd/mm/yyyy), mặc định hôm nay; để trống nếu chỉ biết năm."),
    )
    historical_levels = True  # records of the years before 1 July 2025 were registered at district level too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["uploads"]
        del self.fields["confirm_similar"]
        self.fields["unit"].widget.roles = (Role.ADMIN, Role.APPROVER)  # type: ignore[attr-defined]
        del self.fields[UPLOAD_END]
        if not self.is_bound and "registered_on" not in self.initial:
            self.initial["registered_on"] = timezone.localdate()

    carries_files = False


class ActionForm(forms.Form):
    action = forms.CharField(max_length=32)
    note = forms.CharField(label=_("Ghi chú, lý do"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    expected_status = forms.CharField(max_length=16, required=False)
    next = forms.CharField(max_length=300, required=False)


class AttachmentForm(EvidenceUploadForm):
    uploads = MultipleFileField(
        label=_("Thêm ảnh, tài liệu minh chứng"),
        required=True,
        error_messages={"required": _("Hãy chọn ít nhất một ảnh hoặc tài liệu để tải lên.")},
    )


class InitiativeFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên, người, đơn vị"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Tất cả")), *Status.choices], required=False)
    field = DataNameChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False, empty_label=_("Tất cả")
    )
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", _("Tất cả")), *InitiativeKind.choices], required=False)
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None, choices=())
    unit = UnitChoiceField(
        label=_("Đơn vị (gồm đơn vị trực thuộc)"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả trong phạm vi"),
    )

    def __init__(self, *args: Any, units: Any, scope: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.offer(units if scope is None else scope, shown=units, current=self.data.get("unit"))
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        year_field.choices = [("", _("Tất cả")), *year_choices()]

    def filters(self) -> InitiativeFilters:
        d = self.cleaned_data if self.is_valid() else {}
        field = d.get("field")
        return InitiativeFilters(
            status=d.get("status") or "",
            field=field.pk if field else "",
            kind=d.get("kind") or "",
            year=d.get("year"),
            unit=d.get("unit"),
            q=d.get("q") or "",
        )
