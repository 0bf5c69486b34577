from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from danvan.core.uploads import UploadLimit, WholeUploadForm, megabytes

XLSX = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_TOO_BIG = _(
    "Tệp “{name}” nặng {size} MB, quá giới hạn %(max)s MB của một lần nhập: hãy chia bảng tính thành "
    "nhiều tệp nhỏ hơn rồi chọn lại. Chưa có gì được gửi đi."
)


def max_bytes() -> int:
    return int(settings.DANVAN_IMPORT_MAX_BYTES)


class ImportUploadForm(WholeUploadForm):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": XLSX}),
        error_messages={"required": _("Hãy chọn tệp Excel (.xlsx) để nhập.")},
    )
    valid_only = forms.BooleanField(
        label=_("Chỉ nhập các dòng hợp lệ, bỏ qua các dòng có lỗi"),
        required=False,
        help_text=_("Để trống ô này thì tệp còn lỗi sẽ không được nhập dòng nào."),
    )

    def upload_limits(self) -> dict[str, UploadLimit]:
        return {"file": UploadLimit(max_bytes=max_bytes(), too_big=SHEET_TOO_BIG)}

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > max_bytes():
            raise forms.ValidationError(
                _("Tệp nặng %(size)s MB, lớn hơn giới hạn %(max)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
                % {"size": megabytes(upload.size or 0), "max": megabytes(max_bytes())}
            )
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx. Hãy lưu lại tệp dạng .xlsx (Excel 2007 trở lên)."))
        return upload


class ImportWriteForm(forms.Form):
    valid_only = forms.BooleanField(required=False)
