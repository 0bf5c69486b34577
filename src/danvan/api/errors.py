"""Every error of the API in the contract's shape: {"detail": <Vietnamese>, "errors": [{"field", "message"}]}.

ninja's own schema validation errors, Django's ValidationError, PermissionDenied, Http404 and the
workflow's TransitionNotAllowed all come out here, so a client always reads the same shape.
"""

import math
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as SchemaValidationError

from danvan.core.errors import Conflict
from danvan.initiatives.services import TransitionNotAllowed


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


def error_responses(*codes: int) -> dict[int, type[ErrorOut]]:
    """The error responses of an operation; every operation may also answer 429 (the rate limit)."""
    return dict.fromkeys((*codes, 429), ErrorOut)


def error_body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


_SOURCES = {"query", "path", "body", "header", "cookie", "form", "file", "payload", "data"}


def _field_name(loc: Any) -> str:
    parts = [str(p) for p in (loc or ()) if str(p) not in _SOURCES]
    return ".".join(parts) or "body"


def pattern_message(pattern: str) -> str:
    from danvan.api.types import CODE_PATTERN, USERNAME_PATTERN

    if pattern == USERNAME_PATTERN:
        return _("Chỉ gồm chữ cái không dấu (a-z, A-Z), chữ số và các ký tự @ . + - _.")
    if pattern == CODE_PATTERN:
        return _("Mã không được để trống, không có dấu cách hay ký tự NUL.")
    return _("Văn bản không được chứa ký tự NUL (\\u0000).")


def schema_error_message(error: dict[str, Any]) -> str:
    """A Vietnamese sentence for one pydantic error, saying what is expected."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in ("danvan_text", "value_error") and ctx.get("reason"):
        return str(ctx["reason"])
    if kind == "missing":
        return _("Thiếu giá trị bắt buộc.")
    if kind.startswith("int_") or kind == "int_type":
        return _("Phải là một số nguyên.")
    if kind.startswith("bool"):
        return _("Phải là true hoặc false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Phải là một ngày hợp lệ dạng YYYY-MM-DD.")
    if kind.startswith("string") or kind == "str_type":
        if kind == "string_too_long":
            return _("Dài quá %(n)s ký tự.") % {"n": ctx.get("max_length")}
        if kind == "string_too_short":
            return _("Không được để trống.")
        if kind == "string_pattern_mismatch":
            return pattern_message(str(ctx.get("pattern", "")))
        return _("Phải là một chuỗi ký tự.")
    if kind in ("literal_error", "enum"):
        return _("Giá trị không hợp lệ; chỉ nhận: %(values)s.") % {"values": ctx.get("expected", "")}
    if kind in ("greater_than_equal", "greater_than"):
        return _("Phải lớn hơn hoặc bằng %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Phải nhỏ hơn hoặc bằng %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("list_type", "too_long", "too_short"):
        return _("Danh sách không hợp lệ.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Phải là một đối tượng JSON.")
    if kind == "extra_forbidden":
        return _("Trường này không có trong API.")
    return _("Giá trị không hợp lệ.")


def _schema_errors(request: HttpRequest, exc: SchemaValidationError, api: NinjaAPI) -> HttpResponse:
    errors = [{"field": _field_name(e.get("loc")), "message": schema_error_message(e)} for e in exc.errors]
    return api.create_response(
        request, error_body(_("Dữ liệu gửi lên không hợp lệ. Hãy sửa các trường được nêu."), errors), status=400
    )


def _django_validation(request: HttpRequest, exc: DjangoValidationError, api: NinjaAPI) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field if field != "__all__" else "body", "message": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "body", "message": str(m)} for m in exc.messages]
    detail = (
        errors[0]["message"] if len(errors) == 1 else _("Dữ liệu gửi lên không hợp lệ. Hãy sửa các trường được nêu.")
    )
    return api.create_response(request, error_body(detail, errors), status=400)


def _message(exc: Exception, default: str) -> str:
    text = str(exc.args[0]) if exc.args and exc.args[0] else ""
    return text or default


def _not_found(request: HttpRequest, exc: Http404, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, error_body(_message(exc, _("Không tìm thấy."))), status=404)


def _denied(request: HttpRequest, exc: PermissionDenied, api: NinjaAPI) -> HttpResponse:
    detail = _message(exc, _("Bạn không có quyền thực hiện việc này trong phạm vi của mình."))
    return api.create_response(request, error_body(detail), status=403)


def _conflict(request: HttpRequest, exc: TransitionNotAllowed, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, error_body(exc.message), status=409)


def _clash(request: HttpRequest, exc: Conflict, api: NinjaAPI) -> HttpResponse:
    """Input that clashes with what is recorded (a second award for one achievement, revoking a draft)."""
    response = _django_validation(request, exc, api)
    response.status_code = 409
    return response


def _unauthenticated(request: HttpRequest, exc: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    detail = _("Thiếu mã truy cập hoặc mã không hợp lệ. Gửi tiêu đề “Authorization: Bearer <mã>”.")
    response = api.create_response(request, error_body(detail), status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _throttled(request: HttpRequest, exc: Throttled, api: NinjaAPI) -> HttpResponse:
    from danvan.api.throttling import TokenRateThrottle

    limit = TokenRateThrottle()
    detail = _(
        "Mã truy cập này đã gửi đủ %(n)s yêu cầu cho phép trong %(seconds)s giây. Hãy đợi %(wait)s giây "
        "(tiêu đề Retry-After) rồi gửi tiếp, hoặc gộp yêu cầu (lấy danh sách với page_size lớn hơn)."
    ) % {"n": limit.num_requests, "seconds": limit.duration, "wait": math.ceil(exc.wait or 1)}
    return api.create_response(request, error_body(detail), status=429)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    if exc.status_code == 400:
        detail = _("Nội dung yêu cầu không đọc được: hãy gửi JSON hợp lệ, mã hóa UTF-8.")
        return api.create_response(request, error_body(detail, [{"field": "body", "message": detail}]), status=400)
    return api.create_response(request, error_body(str(exc)), status=exc.status_code)


def install_error_handlers(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (SchemaValidationError, _schema_errors),
        (DjangoValidationError, _django_validation),
        (Http404, _not_found),
        (PermissionDenied, _denied),
        (TransitionNotAllowed, _conflict),
        (Conflict, _clash),
        (AuthenticationError, _unauthenticated),
        (Throttled, _throttled),
        (HttpError, _http_error),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, partial(handler, api=api))
