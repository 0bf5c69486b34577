"""Input types every endpoint shares: text a database can store, bounded numbers, unit codes."""

import datetime
import re
from typing import Annotated, Any, Literal

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

MAX_ID = 2**63 - 1


def _storable(value: str) -> str:
    """Refuse what PostgreSQL or SQLite cannot store: NUL characters and lone surrogates."""
    if "\x00" in value:
        raise PydanticCustomError(
            "danvan_text", "{reason}", {"reason": _("Văn bản không được chứa ký tự NUL (\\u0000).")}
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(
            "danvan_text", "{reason}", {"reason": _("Văn bản chứa ký tự Unicode không hợp lệ (UTF-8).")}
        ) from None
    return value


ShortText = Annotated[str, Field(max_length=255), AfterValidator(_storable)]
LongText = Annotated[str, Field(max_length=20_000), AfterValidator(_storable)]
Title = Annotated[str, Field(max_length=500), AfterValidator(_storable)]
Username = Annotated[str, Field(max_length=150), AfterValidator(_storable)]
Password = Annotated[str, Field(max_length=128), AfterValidator(_storable)]
Code = Annotated[str, Field(max_length=64), AfterValidator(_storable)]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Page = Annotated[int, Field(ge=1, le=1_000_000)]
PageSize = Annotated[int, Field(ge=1, le=500)]
LevelCode = Literal["commune", "district", "province", "central"]
KindCode = Literal["collective", "individual"]
RoleCode = Literal["officer", "reviewer", "approver", "admin", "viewer"]


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_text(value: Any) -> Any:
    """Dates are written YYYY-MM-DD, nothing else (no timestamps, no other shapes)."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not ISO_DATE.match(value):
        raise PydanticCustomError("danvan_text", "{reason}", {"reason": _("Phải là một ngày dạng YYYY-MM-DD.")})
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_text)]
# In JSON bodies numbers and booleans must be JSON numbers and booleans, not strings.
BodyId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
BodyYear = Annotated[int, Strict(), Field(ge=1900, le=2100)]
BodyBool = Annotated[bool, Strict()]
