"""Numbers and dates the Vietnamese way, for documents written outside templates (Word, PDF)."""

import datetime
from decimal import Decimal

from django.utils.formats import get_format
from django.utils.translation import get_language, gettext

from danvan.core.text import in_sentence


def vn_number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1234567.5 → "1.234.567,5"."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def exact(value: int | float | Decimal) -> str:
    """A measured number as exact as it is and no more, the active language's way: 8,5 · 10 · 7,25 ·
    1.234,5 in Vietnamese (8.5 · 10 · 7.25 · 1,234.5 in English); never "8,50"."""
    number = Decimal(str(value)).normalize()
    decimals = max(0, -int(number.as_tuple().exponent))
    text = f"{number:,.{decimals}f}"
    thousands, decimal = str(get_format("THOUSAND_SEPARATOR")), str(get_format("DECIMAL_SEPARATOR"))
    return text.replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)


def grouped(value: int) -> str:
    """A whole number grouped the active language's way: 1.234.567 in Vietnamese, 1,234,567 in English."""
    return f"{value:,}".replace(",", str(get_format("THOUSAND_SEPARATOR")))


def vn_date(value: datetime.date | None) -> str:
    """dd/mm/yyyy, the way every Vietnamese form writes a date."""
    return value.strftime("%d/%m/%Y") if value else ""


def vn_place_date_line(place: str, value: datetime.date) -> str:
    """ "Hà Nội, ngày 07 tháng 9 năm 2020" as Nghị định 30/2020 writes it (day and month < 10 as 0x for
    day, and months 1 and 2 written 01, 02)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"{place}, ngày {value.day:02d} tháng {month} năm {value.year}"


def data_name(value: object) -> str:
    """A name stored as data (a field, a unit kind, an award form) in the active language when danvan
    ships it (its catalogue holds the names the defaults load); a name an admin typed stays as typed.
    Official documents keep the stored Vietnamese name and do not call this."""
    return gettext(str(value)) if value not in (None, "") else ""


def unit_in_sentence(name: object) -> str:
    """A unit's name mid-sentence on a page or in a message: "của tỉnh Phú Thọ" in Vietnamese (the
    administrative word in lower case, `core.text.in_sentence`); in other languages the name as stored."""
    text = str(name or "")
    return in_sentence(text) if (get_language() or "vi").startswith("vi") else text
