"""Exports of the lists to Excel and CSV: current filters, scope, neutralised formulas, query counts."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from danvan.core.exports import neutralise
from danvan.initiatives.services import initiative_act
from tests.api_helpers import ApiClient
from tests.conftest import World, registered_initiative

pytestmark = pytest.mark.django_db


def xlsx_rows(response: Any) -> list[list[Any]]:
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def csv_rows(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+84 912", "'+84 912"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"),
     ("Đường hoa", "Đường hoa"), ("a=b", "a=b")],
)  # fmt: skip
def test_cells_a_spreadsheet_would_run_are_neutralised(value: str, expected: str) -> None:
    assert neutralise(value) == expected


def test_initiative_export_to_excel_with_the_current_filters(world: World, django_assert_num_queries: Any) -> None:
    registered_initiative(world, title='=HYPERLINK("http://x","bấm")', year=2025)
    submitted = registered_initiative(world, title="Đường hoa", year=2026)
    initiative_act(by=world.officer, initiative=submitted, action="submit")
    client = world.client_for(world.commune_approver)
    with django_assert_num_queries(4):  # session, user, memberships, rows (with unit and field)
        response = client.get("/mo-hinh/xuat.xlsx", {"status": "registered"})
    assert response.status_code == 200 and "mo-hinh-dien-hinh" in response["Content-Disposition"]
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["Mã dòng", "Tên mô hình, điển hình", "Loại"] and rows[0][-1] == "Mã số danvan"
    assert len(rows) == 2  # the submitted one is filtered out
    assert rows[1][1] == '\'=HYPERLINK("http://x","bấm")' and rows[1][2] == "Mô hình (tập thể)"
    assert rows[1][4] == "C1-V1" and rows[1][5] == 2025


def test_initiative_export_to_csv_and_outsiders_see_nothing_of_others(world: World) -> None:
    registered_initiative(world, title="+ Tổ tự quản")
    rows = csv_rows(world.client_for(world.commune_reviewer).get("/mo-hinh/xuat.csv"))
    assert rows[1][1] == "'+ Tổ tự quản"
    assert len(csv_rows(world.client_for(world.outsider).get("/mo-hinh/xuat.csv"))) == 1  # the header only
    assert Client().get("/mo-hinh/xuat.csv").status_code == 302


def test_initiative_export_can_be_imported_again_without_duplicates(world: World, tmp_path: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    registered_initiative(world, title="Đường hoa", year=2025)
    content = b"".join(world.client_for(world.approver).get("/mo-hinh/xuat.xlsx").streaming_content)
    path = tmp_path / "xuat.xlsx"
    path.write_bytes(content)
    out = StringIO()
    err = StringIO()
    call_command("import_initiatives", str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "1 dòng đã có trong hệ thống (bỏ qua)" in out.getvalue()


def test_unit_export_with_the_search(world: World, django_assert_num_queries: Any) -> None:
    client = world.client_for(world.outsider)
    with django_assert_num_queries(3):  # session, user, units (with parent and successor) while streaming
        rows = csv_rows(client.get("/don-vi/xuat.csv", {"q": "dong hoa"}))
    header = ["Mã", "Tên", "Loại", "Mã đơn vị cha", "Đơn vị cha", "Hiệu lực từ", "Hiệu lực đến", "Mã đơn vị kế thừa"]
    assert rows == [header, ["C1", "Xã Đông Hòa", "commune", "P1", "Tỉnh Hòa Bình Mẫu", "", "", ""]]
    assert xlsx_rows(client.get("/don-vi/xuat.xlsx", {"q": "dong hoa"}))[1][:2] == ["C1", "Xã Đông Hòa"]


def test_decision_export(world: World, django_assert_num_queries: Any) -> None:
    body = {"number": "15/QĐ-UBND", "date": "2026-05-01", "issuer_unit": "C1", "signer_name": "Hoàng Văn Đông",
            "signer_title": "Chủ tịch", "award_form": "giay_khen",
            "awards": [{"recipient_name": "Bà Lò Thị Hiền", "recipient_kind": "individual"}]}  # fmt: skip
    assert ApiClient(world.commune_approver).post("/decisions", body).status_code == 201
    client = world.client_for(world.approver)
    with django_assert_num_queries(4):  # session, user, memberships, decisions with counts
        rows = xlsx_rows(client.get("/khen-thuong/xuat.xlsx", {"year_from": 2026}))
    assert rows[1][:3] == ["15/QĐ-UBND", rows[1][1], "C1"] and rows[1][8:10] == [0, 1]
    assert rows[1][1].date().isoformat() == "2026-05-01"
    assert len(csv_rows(world.client_for(world.outsider).get("/khen-thuong/xuat.csv"))) == 1


def test_review_queue_export(world: World, django_assert_num_queries: Any) -> None:
    initiative = registered_initiative(world, title="Camera an ninh")
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    client = world.client_for(world.commune_reviewer)
    with django_assert_num_queries(4):  # session, user, memberships, queue rows (with unit, field, my scores)
        rows = csv_rows(client.get("/binh-xet/xuat.csv"))
    assert [r[1] for r in rows[1:]] == ["Camera an ninh"]
    assert world.client_for(world.outsider).get("/binh-xet/xuat.csv").status_code == 403
