"""Amounts people enter (figures of a report, measured results): parsed the Vietnamese way or as JSON
numbers, never negative; written back the Vietnamese way."""

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.formatting import vn_number

MAX_AMOUNT = Decimal("1e17")  # beyond any count or sum of money a unit reports (20 digits, 2 decimals)
_VN_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")


class AmountError(ValueError):
    """What was wrong with an amount, in a sentence for the person who typed it."""


def parse_amount(value: Any) -> Decimal:
    """A non-negative number from a JSON number or text: "1.234,5", "1234,5", "1234.5", "2.000".

    Text with dots as thousands separators is read the Vietnamese way ("2.000" is two thousand); a
    single dot followed by other than three digits is a decimal point ("2.5").
    """
    if isinstance(value, bool) or value is None:
        raise AmountError(_("Phải là một số."))
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            raise AmountError(_("Phải là một số."))
        if _VN_GROUPED.match(text):
            text = text.replace(".", "").replace(",", ".")
        elif text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise AmountError(
                _("“%(value)s” không phải là một số. Hãy ghi số, ví dụ 1.250 hoặc 12,5.") % {"value": value[:40]}
            ) from None
    else:
        raise AmountError(_("Phải là một số."))
    if not number.is_finite():
        raise AmountError(_("Phải là một số."))
    if number < 0:
        raise AmountError(_("Không được là số âm; hãy ghi 0 nếu không có."))
    if number >= MAX_AMOUNT:
        raise AmountError(_("Số quá lớn; hãy kiểm tra lại."))
    if number != number.quantize(Decimal("0.01")):
        raise AmountError(_("Chỉ ghi tối đa hai chữ số thập phân."))
    return number


def json_amount(value: Decimal) -> int | float:
    """A whole amount as a JSON integer, any other as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def vn_amount(value: Decimal | int | float) -> str:
    """2000 → "2.000"; 12.5 → "12,5"; 2.25 → "2,25"."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return vn_number(number)
    decimals = min(2, max(0, -number.normalize().as_tuple().exponent))  # type: ignore[operator]
    return vn_number(number, decimals)
