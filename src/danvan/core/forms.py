import contextlib
import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import data_name


class DayFirstDateInput(forms.DateInput):
    """Shows a day received as yyyy-mm-dd (a link's query) as dd/mm/yyyy too; anything else as typed."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return value
        return super().format_value(value)


# A text box written dd/mm/yyyy: a browser's date picker shows the phone's own order (mm/dd/yyyy on
# an English phone), while every Vietnamese form writes the day first.
DATE_WIDGET = DayFirstDateInput(
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


@dataclass
class Outcome:
    """How a service call inside `service_errors` ended: the status to answer the form's page with."""

    status: int = 200

    @property
    def failed(self) -> bool:
        return self.status >= 400


@contextlib.contextmanager
def service_errors(
    form: forms.Form, *, field: str | None = None, refusals: Mapping[type[Exception], int] | None = None
) -> Iterator[Outcome]:
    """The one mapping of what a service raises onto the form a view shows again (as the API maps
    them to responses in one place): a ValidationError goes on the form field by field (400); a
    refusal, PermissionDenied (403) or an exception of `refusals` (with its status), goes on `field`
    or on the form as a whole. Either is suppressed, so the view goes on to render the form; what
    follows the call inside the block (the success message, the redirect) runs only on success.
    """
    refused: dict[type[Exception], int] = {PermissionDenied: 403, **(refusals or {})}
    outcome = Outcome()
    try:
        yield outcome
    except ValidationError as exc:
        add_errors(form, exc)
        outcome.status = 400
    except tuple(refused) as exc:
        form.add_error(field, getattr(exc, "message", None) or str(exc))
        outcome.status = next(status for kind, status in refused.items() if isinstance(exc, kind))


class DataNameChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice of fields, unit kinds or award forms, each named in the active language (`data_name`)."""

    def label_from_instance(self, obj: object) -> str:
        return data_name(obj)
