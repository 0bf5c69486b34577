"""Input types every endpoint shares: text a database can store, bounded numbers, unit codes."""

import datetime
import re
from typing import Annotated, Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import AfterValidator, BeforeValidator, Field, Strict
from pydantic_core import PydanticCustomError

from danvan.initiatives.services import MIN_YEAR

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


# The schema says what the validators refuse, so that the contract and the behaviour agree: no NUL
# in any text, no blank or spaced code where a code is required, years in the range the services take.
NO_NUL = r"^[^\x00]*$"
CODE_PATTERN = r"^[^\s\x00]+$"
ShortText = Annotated[str, Field(max_length=255, pattern=NO_NUL), AfterValidator(_storable)]
LongText = Annotated[str, Field(max_length=20_000, pattern=NO_NUL), AfterValidator(_storable)]
Title = Annotated[str, Field(max_length=500, pattern=NO_NUL), AfterValidator(_storable)]
# Django's username rule in ASCII (accounts.models.UsernameValidator), declared in the schema.
USERNAME_PATTERN = r"^[A-Za-z0-9.@+_-]+$"
Username = Annotated[str, Field(min_length=1, max_length=150, pattern=USERNAME_PATTERN)]
Password = Annotated[str, Field(max_length=128, pattern=NO_NUL), AfterValidator(_storable)]
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=CODE_PATTERN), AfterValidator(_storable)]
CodeFilter = Annotated[str, Field(max_length=64, pattern=NO_NUL), AfterValidator(_storable)]  # "" = no filter
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
_THIS_YEAR = timezone.localdate().year  # a bound of the schema, read when the API starts
# An initiative's year and a report's first year: MIN_YEAR (2010) to next year, as the services take them.
InitiativeYear = Annotated[int, Strict(), Field(ge=MIN_YEAR, le=_THIS_YEAR + 1)]
ReportYearTo = Annotated[int, Strict(), Field(ge=MIN_YEAR, le=_THIS_YEAR + 5)]
BodyBool = Annotated[bool, Strict()]
