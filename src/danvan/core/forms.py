from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A text box written dd/mm/yyyy: a browser's date picker shows the phone's own order (mm/dd/yyyy on
# an English phone), while every Vietnamese form writes the day first.
DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
)
DATE_ERRORS = {"invalid": _("Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 15/01/2026.")}


def add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, field by field, keeping what the user typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
