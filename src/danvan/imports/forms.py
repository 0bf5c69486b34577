from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx) theo mẫu"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    valid_only = forms.BooleanField(
        label=_("Chỉ nhập các dòng hợp lệ, bỏ qua các dòng có lỗi"),
        required=False,
        help_text=_("Để trống ô này thì tệp còn lỗi sẽ không được nhập dòng nào."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 50 MB. Hãy chia thành nhiều tệp nhỏ hơn."))
        if not (upload.name or "").lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx. Hãy lưu lại tệp dạng .xlsx (Excel 2007 trở lên)."))
        return upload


class ImportWriteForm(forms.Form):
    valid_only = forms.BooleanField(required=False)
