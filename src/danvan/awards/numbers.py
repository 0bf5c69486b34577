"""The shape of a decision's number and symbol (số, ký hiệu), and what to tell a user who typed it wrong.

State bodies (Nghị định 30/2020/NĐ-CP): "2559/QĐ-UBND", "12/2024/QĐ-UBND", "45/QĐ-BTĐKT".
Party bodies: "15-QĐ/HU", "120-QĐ/TU", "07-QĐ/ĐU", "20-QĐ/ThU".
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.awards.models import NumberForm
from danvan.core.text import nfc

_UPPER = "A-ZĐ"
STATE_NUMBER = re.compile(rf"^[1-9]\d{{0,5}}(/(19|20)\d\d)?/QĐ-[{_UPPER}][{_UPPER}0-9]*(-[{_UPPER}0-9]+)*$")
PARTY_NUMBER = re.compile(rf"^\d{{1,6}}-QĐ/[{_UPPER}][{_UPPER}a-zđ0-9]*(/[{_UPPER}][{_UPPER}a-zđ0-9]*)*$")

EXAMPLES = "2559/QĐ-UBND, 15-QĐ/HU"


def parse_number(raw: str) -> tuple[str, str]:
    """The number as stored (NFC, trimmed) and its form (state or party), or a ValidationError that
    says what is wrong with it."""
    number = nfc(raw)
    if not number:
        raise ValidationError(_("Hãy nhập số, ký hiệu quyết định, ví dụ %(examples)s.") % {"examples": EXAMPLES})
    if number.lower().startswith("số"):
        raise ValidationError(
            _("Chỉ nhập số và ký hiệu, bỏ chữ “Số” ở đầu: ví dụ “2559/QĐ-UBND” chứ không phải “Số: 2559/QĐ-UBND”.")
        )
    if re.search(r"\s", number):
        raise ValidationError(
            _("Số, ký hiệu không có khoảng trắng: hãy viết liền, ví dụ %(examples)s.") % {"examples": EXAMPLES}
        )
    if STATE_NUMBER.match(number):
        return number, NumberForm.STATE
    if PARTY_NUMBER.match(number):
        return number, NumberForm.PARTY
    raise ValidationError(_explain(number))


def _explain(number: str) -> str:
    upper = number.upper()
    if "QĐ" not in upper:
        if "QD" in upper:
            return _("Ký hiệu quyết định viết là “QĐ” (có chữ Đ), ví dụ %(examples)s.") % {"examples": EXAMPLES}
        return _("Thiếu ký hiệu “QĐ” của quyết định: hãy viết theo mẫu %(examples)s.") % {"examples": EXAMPLES}
    if not number[0].isdigit():
        return _("Số quyết định phải bắt đầu bằng chữ số (số thứ tự trong năm), ví dụ %(examples)s.") % {
            "examples": EXAMPLES
        }
    if upper != number and "/QĐ-" in upper:
        return _("Ký hiệu cơ quan ban hành của văn bản chính quyền viết in hoa, ví dụ 2559/QĐ-UBND.")
    if "/QĐ-" in number or "-QĐ/" in number:
        return _(
            "Số, ký hiệu “%(number)s” chưa đúng mẫu: sau “QĐ” là tên viết tắt của cơ quan ban hành "
            "(ví dụ 2559/QĐ-UBND, 15-QĐ/HU)."
        ) % {"number": number}
    return _(
        "Số, ký hiệu “%(number)s” chưa đúng mẫu: văn bản chính quyền viết “số/QĐ-tên cơ quan” (2559/QĐ-UBND), "
        "văn bản của Đảng viết “số-QĐ/tên cơ quan” (15-QĐ/HU)."
    ) % {"number": number}
