"""The spreadsheet layout of an initiative: one row each, Vietnamese headers.

The import template, the import itself and the export of the list all read this one table, so
an exported list can be filled in and imported again. docs/import-template.md documents it.
"""

from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.core.exports import Column
from danvan.core.text import fold
from danvan.initiatives.models import Initiative


@dataclass(frozen=True)
class SheetColumn:
    key: str  # the API's name of the value
    header: str | Promise
    required: bool = False
    note: str | Promise = ""
    example: Any = ""


COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn(
        "row_key",
        _("Mã dòng"),
        note=_("Tùy chọn. Mã riêng của dòng trong sổ của đơn vị; nhập lại cùng mã không tạo bản ghi mới."),
        example="HB-2021-001",
    ),
    SheetColumn(
        "title",
        _("Tên mô hình, điển hình"),
        True,
        _("Bắt buộc, tối đa 500 ký tự."),
        "Dân vận khéo trong xây dựng đường giao thông nông thôn",
    ),
    SheetColumn("kind", _("Loại"), True, _("“Mô hình” (tập thể) hoặc “Điển hình” (cá nhân)."), "Mô hình"),
    SheetColumn("field", _("Lĩnh vực"), True, _("Tên hoặc mã lĩnh vực, ví dụ “Kinh tế” hoặc economy."), "Kinh tế"),
    SheetColumn("unit", _("Đơn vị"), True, _("Mã đơn vị (ví dụ 00004) hoặc tên đúng như trong cây đơn vị."), "00004"),
    SheetColumn("year", _("Năm đăng ký"), True, _("Năm bốn chữ số, ví dụ 2021."), 2021),
    SheetColumn(
        "registered_on",
        _("Ngày đăng ký"),
        note=_(
            "Tùy chọn; dd/mm/yyyy hoặc ô kiểu ngày, trong năm đăng ký, không sau hôm nay và không trước ngày "
            "đơn vị được thành lập. Để trống nếu chỉ biết năm."
        ),
        example="15/03/2021",
    ),
    SheetColumn(
        "registered_level",
        _("Cấp đăng ký"),
        note=_("Xã, huyện, tỉnh hoặc trung ương; để trống: cấp của đơn vị."),
        example="Xã",
    ),
    SheetColumn(
        "status",
        _("Trạng thái"),
        note=_("Đã đăng ký (mặc định), Đã công nhận hoặc Không công nhận."),
        example="Đã công nhận",
    ),
    SheetColumn("recognized_level", _("Cấp công nhận"), note=_("Bắt buộc khi đã công nhận."), example="Xã"),
    SheetColumn(
        "recognized_on",
        _("Ngày công nhận"),
        note=_("Bắt buộc khi đã công nhận; dd/mm/yyyy hoặc ô kiểu ngày."),
        example="20/11/2021",
    ),
    SheetColumn(
        "exemplary",
        _("Tiêu biểu"),
        note=_("“x” hoặc “có” nếu được chọn là tiêu biểu (chỉ khi đã công nhận)."),
        example="x",
    ),
    SheetColumn("summary", _("Tóm tắt"), example="Nhân dân hiến đất, góp công làm 2 km đường bê tông."),
    SheetColumn("person_name", _("Họ và tên"), note=_("Bắt buộc với điển hình cá nhân.")),
    SheetColumn("person_position", _("Chức vụ")),
    SheetColumn("person_unit", _("Đơn vị công tác")),
    SheetColumn("problem", _("Sự cần thiết, lý do")),
    SheetColumn("goals", _("Mục tiêu, chỉ tiêu")),
    SheetColumn("content", _("Nội dung, cách làm")),
    SheetColumn("area_served", _("Địa bàn, đối tượng")),
    SheetColumn("forces", _("Lực lượng tham gia")),
    SheetColumn("resources", _("Nguồn lực")),
    SheetColumn("start_date", _("Ngày bắt đầu"), note=_("dd/mm/yyyy"), example="01/03/2021"),
    SheetColumn("end_date", _("Ngày kết thúc"), note=_("dd/mm/yyyy")),
    SheetColumn("results", _("Kết quả, sản phẩm")),
    SheetColumn("sustainability", _("Duy trì, nhân rộng")),
)
BY_KEY = {c.key: c for c in COLUMNS}
DANVAN_ID_HEADER = _("Mã số danvan")  # added by the export; the import reads past it


def is_ignored_header(text: Any) -> bool:
    return fold(str(text)) == fold(str(DANVAN_ID_HEADER))


def header_key(text: Any) -> str | None:
    """The column a header cell names: its header in any of the site's languages (with or without
    diacritics) or the API key, so a template downloaded in Vietnamese still imports for someone who
    has chosen English, and the other way round."""
    folded = fold(str(text)) if text is not None else ""
    for column in COLUMNS:
        if folded in (fold(str(column.header)), column.key):
            return column.key
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for column in COLUMNS:
                if folded == fold(str(column.header)):
                    return column.key
    return None


def _export_value(initiative: Initiative, *, key: str) -> Any:
    if key == "row_key":
        return ""  # keys are stored hashed; a re-import finds the row by unit, year and title
    if key == "kind":
        return initiative.get_kind_display()
    if key == "field":
        return initiative.field.name
    if key == "unit":
        return initiative.unit.code
    if key in ("registered_level", "recognized_level", "status"):
        return getattr(initiative, f"get_{key}_display")() if getattr(initiative, key) else ""
    if key == "exemplary":
        return "x" if initiative.exemplary else ""
    return getattr(initiative, key)


def export_columns() -> list[Column]:
    """The template's columns, then the danvan id, for exporting a list of initiatives."""
    columns = [Column(c.header, partial(_export_value, key=c.key)) for c in COLUMNS]
    return [*columns, Column(DANVAN_ID_HEADER, lambda i: i.pk)]
