"""Forms that carry files, on a slow link: every file input says what it takes (`accept=`) and how big
(checked by danvan.js before anything is sent, with a progress bar while sending), and a request cut
short on the way is refused whole, with nothing written.

Each app names its own limit and its own advice for a file that is too big; the rest is here."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import exact

UPLOAD_END = "upload_end"
CUT_SHORT = "cut_short"


@dataclass(frozen=True)
class UploadLimit:
    """What one file input takes: `max_bytes` per file, and the message (with the placeholders {name}
    and {size} that danvan.js fills in, and %(max)s) naming a file over it and what to do."""

    max_bytes: int
    too_big: str | Promise


def megabytes(size: int) -> str:
    """A size in MB to one decimal, the active language's way: 10 · 1,5 (1.5 in English)."""
    return exact(round(size / 1024 / 1024, 1))


def upload_attrs(limit: UploadLimit) -> dict[str, str]:
    """What danvan.js needs on a file input to check sizes before sending and show the upload's
    progress, in the language of the request."""
    return {
        "data-max-bytes": str(limit.max_bytes),
        "data-too-big": str(limit.too_big) % {"max": megabytes(limit.max_bytes)},
        "data-uploading": gettext("Đang tải lên: {percent}%"),
        "data-upload-failed": gettext(
            "Đường truyền bị ngắt khi đang tải lên nên chưa có gì được lưu. Hãy kiểm tra mạng rồi gửi lại."
        ),
    }


class WholeUploadForm(forms.Form):
    """A form that carries files. Its last input (`upload_end`, after the buttons: the template includes
    "core/_upload_end.html" last) arrives only when the whole request did: Django's multipart parser
    keeps the fields that came before a cut and drops the cut file, so without it an aborted upload
    would save what came before without its file. A request without it is refused whole, with a
    message, and nothing is written.

    `upload_limits()` names the form's file fields and what each takes; their inputs get the
    attributes danvan.js reads."""

    upload_end = forms.CharField(required=False, widget=forms.HiddenInput)
    carries_files = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, limit in self.upload_limits().items():
            if name in self.fields:
                self.fields[name].widget.attrs.update(upload_attrs(limit))

    def upload_limits(self) -> Mapping[str, UploadLimit]:
        return {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.carries_files and self.data.get(UPLOAD_END) != "1":
            raise ValidationError(
                _(
                    "Dữ liệu gửi lên không trọn vẹn (đường truyền bị ngắt hoặc việc tải lên đã bị hủy) nên chưa "
                    "có gì được lưu. Hãy chọn lại tệp và gửi lại."
                ),
                code=CUT_SHORT,
            )
        return cleaned
