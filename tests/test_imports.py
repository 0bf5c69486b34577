"""Spreadsheet import: template, checks by row and column, all-or-nothing, idempotence, malformed files."""

import datetime
import io
import re
import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import Workbook, load_workbook

from danvan.accounts.services import system_user
from danvan.imports import services as import_services
from danvan.imports.checking import check_file
from danvan.imports.models import ImportJob
from danvan.imports.services import import_file
from danvan.initiatives.changes import Follower, InitiativeChange, follow, unfollow
from danvan.initiatives.models import Initiative, InitiativeEvent, Status
from danvan.initiatives.spreadsheet import COLUMNS
from tests.conftest import World
from tests.import_helpers import row, write_xlsx, xlsx_bytes

pytestmark = pytest.mark.django_db


EXCEL_DATE = datetime.datetime(2023, 12, 1)  # noqa: DTZ001 - what openpyxl reads from a date cell


def problems_of(path: Path, by: Any = None) -> list[tuple[int, str, str]]:
    with path.open("rb") as f:
        result = check_file(f, by=by or system_user())
    return [(p.row, p.column, p.message) for p in result.problems]


# The template ----------------------------------------------------------------------------------


def test_template_download_has_every_header_and_a_guide(world: World) -> None:
    response = world.client_for(world.officer).get("/nhap-lieu/mau-nhap-lieu.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    data, guide = workbook.worksheets
    assert [c.value for c in data[1]] == [str(c.header) for c in COLUMNS]
    assert "Tên mô hình, điển hình" in [c.value for c in data[1]] and data.max_row == 1
    guide_text = " ".join(str(c.value) for r in guide.iter_rows() for c in r if c.value)
    assert "Văn hóa - xã hội" in guide_text and "dd/mm/yyyy" in guide_text


def test_the_template_is_documented() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "import-template.md").read_text()
    for column in COLUMNS:
        assert f"| {column.header} |" in doc, column.header


# Checking and writing ---------------------------------------------------------------------------


def test_a_valid_file_is_imported_once(world: World, tmp_path: Path) -> None:
    # given
    path = write_xlsx(tmp_path / "ok.xlsx", [
        row(title="Đường hoa", status="Đã công nhận", recognized_level="Xã", recognized_on="20/11/2021", exemplary="x"),
        row(title="Camera an ninh", field="defence_security", unit="Thôn Tân Tiến", year=2022,
            recognized_on=None),
        row(title="Gương sáng", kind="Điển hình", person_name="Nguyễn Thị Hạnh", unit="C1", year="2023",
            recognized_on=EXCEL_DATE, status="Đã công nhận", recognized_level="xã"),
    ])  # fmt: skip
    # when
    out = StringIO()
    call_command("import_initiatives", str(path), stdout=out)
    # then
    assert "đã nhập 3 mô hình, điển hình" in out.getvalue()
    hoa = Initiative.objects.get(title="Đường hoa")
    assert (hoa.status, hoa.recognized_level, hoa.recognized_on, hoa.exemplary, hoa.historical) == (
        Status.RECOGNIZED, "commune", datetime.date(2021, 11, 20), True, True)  # fmt: skip
    assert Initiative.objects.get(title="Camera an ninh").unit == world.village2
    person = Initiative.objects.get(title="Gương sáng")
    assert person.kind == "individual" and person.recognized_on == datetime.date(2023, 12, 1)
    assert InitiativeEvent.objects.filter(action="historical_entry").count() == 3
    # and a second import of the same file changes nothing
    before = list(Initiative.objects.values_list("pk", "updated_at").order_by("pk"))
    out = StringIO()
    call_command("import_initiatives", str(path), stdout=out)
    assert "3 dòng đã có trong hệ thống (bỏ qua)" in out.getvalue()
    assert list(Initiative.objects.values_list("pk", "updated_at").order_by("pk")) == before


def test_row_codes_are_the_stable_key(world: World, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [row(row_key="A-1"), row(row_key="A-2")])
    call_command("import_initiatives", str(path), stdout=StringIO())
    assert Initiative.objects.count() == 2
    renamed = write_xlsx(tmp_path / "b.xlsx", [row(row_key="A-1", title="Tên đã sửa"), row(row_key="A-3")])
    call_command("import_initiatives", str(renamed), stdout=StringIO())
    assert Initiative.objects.count() == 3  # A-1 is already there, only A-3 is new


def test_dry_run_lists_every_problem_at_once_and_writes_nothing(world: World, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "broken.xlsx", [
        row(),                                                     # 2: fine
        row(title="Không rõ đơn vị", unit="XYZ-999"),              # 3
        row(title="Lĩnh vực lạ", field="Nông thôn mới"),           # 4
        row(title=None),                                           # 5
        row(title="Ngày sai", start_date=None, status="Đã công nhận", recognized_level="Xã",
            recognized_on="31/02/2020", year=2020),                # 6
        row(title="Năm sai", year=2005),                           # 7
        row(title="Thiếu ngày công nhận", status="Đã công nhận", recognized_level="Xã"),  # 8
        row(title="=HYPERLINK(\"http://x\")"),                     # 9
        row(title="Điển hình thiếu tên người", kind="Điển hình"),  # 10
        row(title="Trạng thái lạ", status="Xong rồi"),             # 11
        row(),                                                     # 12: same as row 2
    ])  # fmt: skip
    err = StringIO()
    with pytest.raises(CommandError, match="lỗi"):
        call_command("import_initiatives", str(path), "--dry-run", stdout=StringIO(), stderr=err)
    report = err.getvalue()
    expected = [
        ("Dòng 3", "Đơn vị", "Không có đơn vị mã hoặc tên “XYZ-999”"),
        ("Dòng 4", "Lĩnh vực", "Không có lĩnh vực “Nông thôn mới”"),
        ("Dòng 5", "Tên mô hình, điển hình", "Thiếu tên"),
        ("Dòng 6", "Ngày công nhận", "“31/02/2020” không có trên lịch"),
        ("Dòng 7", "Năm đăng ký", "Năm đăng ký phải từ 2010"),
        ("Dòng 8", "Ngày công nhận", "cần ngày công nhận"),
        ("Dòng 9", "Tên mô hình, điển hình", "công thức"),
        ("Dòng 10", "Họ và tên", "cần họ và tên"),
        ("Dòng 11", "Trạng thái", "“Xong rồi” không hợp lệ"),
        ("Dòng 12", "Tên mô hình, điển hình", "Trùng với dòng 2"),
    ]
    for where, column, message in expected:
        assert re.search(f"{where}, cột “{column}”: .*{re.escape(message)}", report), (where, report)
    assert "Dòng 2," not in report
    assert not Initiative.objects.exists()


def test_nothing_is_written_unless_the_whole_file_is_valid(world: World, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "half.xlsx", [row(title="Tốt 1"), row(title="Tốt 2"), row(title="Xấu", unit="?")])
    with pytest.raises(CommandError, match="chưa ghi gì"):
        call_command("import_initiatives", str(path), stdout=StringIO(), stderr=StringIO())
    assert not Initiative.objects.exists()
    call_command("import_initiatives", str(path), "--valid-only", stdout=StringIO(), stderr=StringIO())
    assert sorted(Initiative.objects.values_list("title", flat=True)) == ["Tốt 1", "Tốt 2"]


def test_rows_outside_the_importers_scope_are_refused(world: World, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "scope.xlsx", [
        row(title="Của thôn"),
        row(title="Đã công nhận", status="Đã công nhận", recognized_level="Xã", recognized_on="01/12/2021"),
        row(title="Xã khác", unit="C2"),
    ])  # fmt: skip
    found = problems_of(path, by=world.officer)
    assert [(r, c) for r, c, _m in found] == [(3, "Đơn vị"), (4, "Đơn vị")]
    assert all("ngoài phạm vi" in m for _r, _c, m in found)
    assert problems_of(path, by=world.approver) == []


def test_a_failure_while_writing_leaves_nothing(world: World, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "many.xlsx", [row(title=f"Mô hình {n}") for n in range(1500)])
    seen: list[int] = []

    def fail_late(change: InitiativeChange) -> None:
        seen.append(change.initiative.pk)
        if len(seen) == 1200:  # in the second batch: the first one is already in the database
            assert Initiative.objects.count() == 1500
            raise RuntimeError("worker killed")

    follow(Follower("test-fail-late", fail_late))
    try:
        with path.open("rb") as f, pytest.raises(RuntimeError):
            import_file(by=system_user(), source=f, write=True)
    finally:
        unfollow("test-fail-late")
    assert not Initiative.objects.exists() and not InitiativeEvent.objects.exists()


# Malformed files ---------------------------------------------------------------------------------


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_sheet_xml(sheet_xml: bytes) -> bytes:
    """The template's workbook with its first sheet replaced by `sheet_xml`."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([])))
    entries = {i.filename: source.read(i.filename) for i in source.infolist()}
    entries["xl/worksheets/sheet1.xml"] = sheet_xml
    return _zip(entries)


def _empty_rows_sheet(n: int, dimension: bool) -> bytes:
    head = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    dim = f'<dimension ref="A1:M{n + 1}"/>'.encode() if dimension else b""
    headers = ["Tên mô hình, điển hình", "Loại", "Lĩnh vực", "Đơn vị", "Năm đăng ký"]
    cells = "".join(f'<c r="{"ABCDE"[i]}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(headers))
    header = f'<row r="1">{cells}</row>'.encode()
    rows = b"".join(b'<row r="%d"><c r="A%d" s="0"/></row>' % (r, r) for r in range(2, n + 2))
    return head + dim + b"<sheetData>" + header + rows + b"</sheetData></worksheet>"


def _merged_header() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Mã dòng", "Tên mô hình, điển hình", "Loại", "Lĩnh vực", "Đơn vị", "Năm đăng ký"])
    sheet.append(["", "Đường hoa", "Mô hình", "Kinh tế", "C1-V1", 2021])
    sheet.merge_cells("B1:C1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


MALFORMED = {
    "not-a-spreadsheet": (lambda: "Tên,Năm\nĐường hoa,2021\n".encode(), "không phải là bảng tính Excel"),
    "a-word-file-renamed": (lambda: _zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}),
                            "không phải là bảng tính Excel"),
    "zip-bomb": (lambda: _zip({"[Content_Types].xml": b"<T/>", "xl/worksheets/sheet1.xml": b"\0" * 60_000_000}),
                 "nén bất thường"),
    "a-million-empty-rows": (lambda: _with_sheet_xml(_empty_rows_sheet(1_000_000, dimension=True)),
                             "có 1.000.001 dòng"),
    "a-million-empty-rows-undeclared": (lambda: _with_sheet_xml(_empty_rows_sheet(1_000_000, dimension=False)),
                                        "có 1.000.001 dòng"),
    "thousands-of-empty-rows-undeclared": (lambda: _with_sheet_xml(_empty_rows_sheet(5_000, dimension=False)),
                                           "dòng trống liên tiếp"),
    "merged-header-cells": (_merged_header, "gộp ô"),
    "formulas": (lambda: xlsx_bytes([row(year="=2020+1")]), "công thức"),
    "empty-sheet": (lambda: xlsx_bytes([]), "không có dòng dữ liệu"),
}  # fmt: skip


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_get_a_clear_message_and_nothing_is_written(world: World, tmp_path: Path, name: str) -> None:
    build, message = MALFORMED[name]
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(build())
    with pytest.raises(CommandError) as failure:
        call_command("import_initiatives", str(path), stdout=StringIO(), stderr=(err := StringIO()))
    assert message in str(failure.value) + err.getvalue()
    assert not Initiative.objects.exists()


# The upload page ---------------------------------------------------------------------------------


def upload(client: Client, content: bytes, action: str = "check", valid_only: bool = False) -> Any:
    data: dict[str, Any] = {"file": SimpleUploadedFile("so-lieu.xlsx", content), "action": action}
    if valid_only:
        data["valid_only"] = "on"
    data["upload_end"] = "1"  # the form's last input: the request arrived whole
    return client.post("/nhap-lieu/", data)


def test_upload_check_then_write(world: World) -> None:
    client = world.client_for(world.commune_approver)
    response = upload(client, xlsx_bytes([row(title="Một"), row(title="Hai", year=2005)]))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nhap-lieu/{job.pk}/"
    page = client.get(f"/nhap-lieu/{job.pk}/").content.decode()
    assert "Năm đăng ký phải từ 2010" in page and "Chỉ nhập 1 dòng hợp lệ" in page
    assert not Initiative.objects.exists()
    client.post(f"/nhap-lieu/{job.pk}/nhap/", {"valid_only": "on"})
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_rows == 1
    assert list(Initiative.objects.values_list("title", flat=True)) == ["Một"]


def test_upload_and_write_at_once(world: World) -> None:
    client = world.client_for(world.officer)
    upload(client, xlsx_bytes([row(title="Một"), row(title="Hai")]), action="write")
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert Initiative.objects.count() == 2
    assert "Đã nhập xong" in client.get("/nhap-lieu/").content.decode()


def test_large_files_run_in_the_background(world: World, settings: Any, monkeypatch: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(import_services, "INLINE_MAX_BYTES", 1000)
    client = world.client_for(world.officer)
    upload(client, xlsx_bytes([row(title=f"Mô hình {n}") for n in range(3000)]), action="write")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.QUEUED and not Initiative.objects.exists()
    fragment = client.get(f"/nhap-lieu/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "<progress" in fragment and "<html" not in fragment
    # the worker picks it up
    from danvan.imports.tasks import run_import_job

    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_rows, job.rows_read) == (ImportJob.Status.DONE, 3000, 3000)
    assert "hx-trigger" not in client.get(f"/nhap-lieu/{job.pk}/", headers={"HX-Request": "true"}).content.decode()


def test_the_worker_writes_the_results_in_the_language_of_who_asked(
    world: World, settings: Any, monkeypatch: Any
) -> None:
    # given a large file sent by an officer who chose English, left to the background worker
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    monkeypatch.setattr(import_services, "INLINE_MAX_BYTES", 100)
    client = world.client_for(world.officer)
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    upload(client, xlsx_bytes([row(title=""), row(title="Mô hình hợp lệ")]))
    job = ImportJob.objects.get()
    assert (job.status, job.language) == (ImportJob.Status.QUEUED, "en")
    # when the worker, which has no request and so no language of its own, runs it
    from danvan.imports.tasks import run_import_job

    run_import_job.call(job.pk)
    # then its summary and problems are in English, on the page and as stored
    job.refresh_from_db()
    assert job.message.startswith("2 data rows; 1 rows with errors") and "Thiếu" not in str(job.problems)
    assert job.problems[0]["message"] == "The name of the initiative is missing."
    page = client.get(f"/nhap-lieu/{job.pk}/").content.decode()
    assert "The name of the initiative is missing." in page and "dòng dữ liệu" not in page


def test_import_pages_refuse_outsiders(world: World) -> None:
    assert Client().get("/nhap-lieu/").status_code == 302
    assert world.client_for(world.viewer).get("/nhap-lieu/").status_code == 403
    assert upload(world.client_for(world.viewer), xlsx_bytes([row()])).status_code == 403
    upload(world.client_for(world.officer), xlsx_bytes([row()]))
    job = ImportJob.objects.get()
    outsider = world.client_for(world.outsider)
    assert outsider.get(f"/nhap-lieu/{job.pk}/").status_code == 404
    assert outsider.post(f"/nhap-lieu/{job.pk}/nhap/").status_code == 404
    assert not Initiative.objects.exists()


def test_upload_refuses_other_file_types(world: World) -> None:
    client = world.client_for(world.officer)
    data = {"file": SimpleUploadedFile("so-lieu.csv", b"a,b"), "action": "check", "upload_end": "1"}
    response = client.post("/nhap-lieu/", data)
    assert response.status_code == 400 and "Chỉ nhận tệp Excel .xlsx" in response.content.decode()
    assert not ImportJob.objects.exists()


# The day of registration -------------------------------------------------------------------------


def test_the_day_of_registration_is_imported_and_checked(world: World, tmp_path: Path) -> None:
    # given a commune formed by the 1 July 2025 merger, and days: known, unknown, future, before the unit
    from django.utils import timezone

    from danvan.orgs.services import unit_create

    unit_create(by=world.superuser, code="C9", name="Xã Hợp Nhất", kind="commune", parent=world.province,
                         valid_from=datetime.date(2025, 7, 1))  # fmt: skip
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    keys = ["title", "kind", "field", "unit", "year", "registered_on"]
    bad = write_xlsx(tmp_path / "ngay.xlsx", [
        row(title="Ngày biết rõ", registered_on="15/03/2021"),
        row(title="Ngày mai", year=tomorrow.year, registered_on=tomorrow.strftime("%d/%m/%Y")),
        row(title="Trước sáp nhập", unit="C9", year=2025, registered_on="10/03/2025"),
        row(title="Khác năm", year=2022, registered_on="10/03/2021"),
    ], keys)  # fmt: skip
    # when / then: every problem named by row and column, nothing written
    problems = [(r, c, m) for r, c, m in problems_of(bad) if c == "Ngày đăng ký"]
    assert [r for r, _c, _m in problems] == [3, 4, 5]
    assert f"ở sau hôm nay ({today:%d/%m/%Y})" in problems[0][2]
    assert "ở trước khi “Xã Hợp Nhất” được thành lập (01/07/2025): hãy ghi ngày từ 01/07/2025" in problems[1][2]
    assert "không thuộc năm đăng ký 2022" in problems[2][2]
    with pytest.raises(CommandError):
        call_command("import_initiatives", str(bad), stdout=StringIO())
    assert not Initiative.objects.exists()
    # the good rows: the day as written, or none when only the year is known
    good = write_xlsx(tmp_path / "dung.xlsx", [
        row(title="Ngày biết rõ", registered_on="15/03/2021"),
        row(title="Chỉ biết năm", registered_on=None),
        row(title="Sau sáp nhập", unit="C9", year=2025, registered_on="01/07/2025"),
    ], keys)  # fmt: skip
    call_command("import_initiatives", str(good), stdout=StringIO())
    days = dict(Initiative.objects.values_list("title", "registered_on"))
    assert days == {"Ngày biết rõ": datetime.date(2021, 3, 15), "Chỉ biết năm": None,
                    "Sau sáp nhập": datetime.date(2025, 7, 1)}  # fmt: skip
