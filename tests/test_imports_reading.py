"""Reading a spreadsheet with python-calamine: what the import sees must be what Excel shows (rows
and columns numbered from A1, whole numbers whole, a formula a formula even with its last result
saved beside it, the workbook's first sheet in its own order)."""

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from danvan.accounts.services import system_user
from danvan.imports.checking import check_file
from danvan.imports.reading import MAX_EMPTY_RUN, stream_rows
from danvan.initiatives.spreadsheet import BY_KEY
from tests.conftest import World
from tests.import_helpers import row, xlsx_bytes

pytestmark = pytest.mark.django_db

KEYS = ["row_key", "title", "kind", "field", "unit", "year"]
HEADERS = [str(BY_KEY[k].header) for k in KEYS]


def _parts(content: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _check(content: bytes) -> Any:
    return check_file(io.BytesIO(content), by=system_user())


def test_whole_numbers_read_as_written(world: World) -> None:
    # the reader gives every number as a float: a code 1001 or a year 2021 must not become "1001.0"
    result = _check(xlsx_bytes([row(row_key=1001, year=2021.0)], keys=KEYS))
    as_text = _check(xlsx_bytes([row(row_key="1001", year="2021")], keys=KEYS))
    assert (result.problems, len(result.entries)) == ([], 1)
    assert result.entries[0].import_key == as_text.entries[0].import_key
    assert result.entries[0].data.year == 2021


def test_rows_and_columns_are_numbered_as_excel_shows_them(world: World) -> None:
    # given a sheet whose row 1 and column A are empty: the reader starts at B2
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for r, values in enumerate([HEADERS, ["", "Đường hoa", "Mô hình", "Kinh tế", "C1-V1", 2005]], start=2):
        for c, value in enumerate(values, start=2):
            sheet.cell(row=r, column=c, value=value or None)
    buffer = io.BytesIO()
    workbook.save(buffer)
    # when
    header, _rows, _declared = stream_rows(io.BytesIO(buffer.getvalue()))
    # then row 1 is read as the header: empty, so the required columns are missing (not B2 taken for it)
    assert header.columns == {}
    assert any("Thiếu cột bắt buộc" in p for p in header.problems)


def test_a_header_starting_in_column_b_is_reported_at_column_a(world: World) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for c, value in enumerate(HEADERS, start=2):
        sheet.cell(row=1, column=c, value=value)
    for c, value in enumerate(["A-1", "Đường hoa", "Mô hình", "Kinh tế", "C1-V1", 2005], start=2):
        sheet.cell(row=3, column=c, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    header, rows, _declared = stream_rows(io.BytesIO(buffer.getvalue()))
    assert header.problems and "cột A" in header.problems[0]
    assert header.columns == {i + 1: key for i, key in enumerate(KEYS)}
    (only,) = list(rows)
    assert only.number == 3 and only.values["row_key"] == "A-1" and only.values["year"] == 2005


def _with_formula_saved_as_excel_does(content: bytes, sheet_part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """openpyxl writes a formula without its result; Excel saves the last result beside it."""
    parts = _parts(content)
    xml = parts[sheet_part].decode()
    xml, found = re.subn(r"<c r=\"F2\"([^>]*)><f>([^<]*)</f><v></v></c>", r'<c r="F2"\1><f>\2</f><v>2021</v></c>', xml)
    assert found == 1, xml
    parts[sheet_part] = xml.encode()
    return _zip(parts)


def test_a_formula_is_refused_even_with_its_result_saved(world: World) -> None:
    content = _with_formula_saved_as_excel_does(xlsx_bytes([row(year="=2020+1")], keys=KEYS))
    result = _check(content)
    assert {(p.row, p.column) for p in result.problems} == {(2, "Năm đăng ký")}
    assert any("công thức" in p.message for p in result.problems)


def test_the_first_sheet_is_the_workbooks_first_not_the_first_file(world: World) -> None:
    # given a workbook whose first sheet (in the workbook's order) is stored as sheet2.xml
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = "Hướng dẫn"
    guide.append(["Không phải dữ liệu"])
    data = workbook.create_sheet("Dữ liệu")
    data.append(HEADERS)
    data.append([row(year="=2020+1").get(k) for k in KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    parts = _parts(_with_formula_saved_as_excel_does(buffer.getvalue(), "xl/worksheets/sheet2.xml"))
    book = parts["xl/workbook.xml"].decode()
    sheets = re.findall(r"<sheet [^>]*/>", book)
    assert len(sheets) == 2
    parts["xl/workbook.xml"] = book.replace(sheets[0] + sheets[1], sheets[1] + sheets[0]).encode()
    # when
    result = _check(_zip(parts))
    # then the data sheet is read, and its formula found
    assert {(p.row, p.column) for p in result.problems} == {(2, "Năm đăng ký")}
    assert any("công thức" in p.message for p in result.problems)


def test_a_few_formatted_empty_rows_after_the_data_are_fine(world: World) -> None:
    # Excel declares them in the sheet's size; the reader does not see them
    parts = _parts(xlsx_bytes([row()], keys=KEYS))
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 3 + MAX_EMPTY_RUN))
    xml = re.sub(r'<dimension ref="A1:F2"/>', f'<dimension ref="A1:F{2 + MAX_EMPTY_RUN}"/>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.replace("</sheetData>", empty + "</sheetData>").encode()
    _header, rows, declared = stream_rows(io.BytesIO(_zip(parts)))
    assert [r.number for r in rows] == [2]
    assert declared == 1 + MAX_EMPTY_RUN  # the sheet's extent, for the progress bar


def test_a_file_on_disk_reads_like_an_upload(world: World, tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx_bytes([row(), row(title="Hai")], keys=KEYS))
    result = check_file(path, by=system_user())
    assert (result.problems, [e.data.title for e in result.entries]) == ([], ["Dân vận khéo trong làm đường", "Hai"])
