"""Helpers shared by the endpoints: resolving references through the apps' own gates."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from danvan.movements.models import Field
from danvan.orgs.access import access_unit
from danvan.orgs.models import Unit


def caller(request: HttpRequest) -> Any:
    """The token's user (set by TokenAuth)."""
    return request.auth  # type: ignore[attr-defined]


def body_unit(request: HttpRequest, code: str | None, field: str) -> Unit | None:
    """A unit named in a request body (None when absent); an unknown code is bad input (400) naming the field."""
    if code is None:
        return None
    if not code.strip():
        raise ValidationError({field: [_("Hãy ghi mã đơn vị.")]})
    try:
        return access_unit(user=caller(request), code=code)
    except Http404 as exc:
        raise ValidationError({field: [str(exc)]}) from None


def required_unit(request: HttpRequest, code: str, field: str) -> Unit:
    unit = body_unit(request, code, field)
    if unit is None:
        raise ValidationError({field: [_("Hãy ghi mã đơn vị.")]})
    return unit


def body_field(code: str, field: str = "field") -> Field:
    found = Field.objects.filter(code=code).first()
    if found is None:
        raise ValidationError(
            {field: [_("Không có lĩnh vực mã “%(code)s”. Xem danh sách ở /api/v1/fields.") % {"code": code}]}
        )
    return found
