"""The downloadable import template (.xlsx): the data sheet with its headers, and a guide sheet."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from danvan.initiatives.spreadsheet import COLUMNS
from danvan.movements.models import Field


def build_template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Mô hình, điển hình")[:31]
    bold, required_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=str(column.header))
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[get_column_letter(index)].width = 28 if column.key in ("title", "summary") else 16
    sheet.freeze_panes = "A2"

    guide = workbook.create_sheet(_("Hướng dẫn")[:31])
    guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Ví dụ")])
    for cell in guide[1]:
        cell.font = bold
    for column in COLUMNS:
        guide.append([str(column.header), _("có") if column.required else "", str(column.note), column.example])
    guide.append([])
    guide.append([_("Lĩnh vực đang dùng"), "", _("Ghi tên hoặc mã")])
    for field in Field.objects.filter(active=True):
        guide.append([field.name, "", field.code])
    guide.append([])
    guide.append([_("Mỗi dòng là một mô hình, điển hình. Không gộp ô, không dùng công thức; ngày ghi dd/mm/yyyy.")])
    for letter, width in zip("ABCD", (28, 10, 70, 40), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
