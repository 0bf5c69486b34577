"""Decisions, statistics and reports through the API; and the statistics of an imported district."""

import datetime
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from danvan.initiatives.services import initiative_act
from danvan.orgs.services import unit_create
from danvan.reports.counts import nonzero_rows, rebuild_counts
from tests.api_helpers import ApiClient
from tests.conftest import World, registered_initiative, score_sheet
from tests.import_helpers import write_xlsx
from tests.test_api import assert_error

pytestmark = pytest.mark.django_db


def recognized_initiative(world: World, **overrides: Any) -> Any:
    initiative = registered_initiative(world, **overrides)
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    return initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )


def decision_body(**overrides: Any) -> dict[str, Any]:
    return {"number": "15/QĐ-UBND", "date": "2026-05-01", "issuer_unit": "C1", "signer_name": "Hoàng Văn Đông",
            "signer_title": "Chủ tịch", "award_form": "giay_khen",
            "awards": [{"recipient_name": "Bà Lò Thị Hiền", "recipient_kind": "individual"}], **overrides}  # fmt: skip


# Decisions ----------------------------------------------------------------------------------------


def test_decision_create_records_an_issued_decision(world: World) -> None:
    initiative = recognized_initiative(world)
    body = decision_body(awards=[{"initiative": initiative.pk},
                                 {"recipient_name": "Bà Lò Thị Hiền", "recipient_kind": "individual"}])  # fmt: skip
    response = ApiClient(world.commune_approver).post("/decisions", body)
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["number"], item["date"], item["issuer_unit"], item["status"]) == (
        "15/QĐ-UBND", "2026-05-01", "C1", "issued")  # fmt: skip
    assert (item["collectives"], item["individuals"]) == (1, 1)
    assert item["awards"][0]["initiative"] == initiative.pk and item["awards"][0]["recipient_name"] == "Thôn Đoàn Kết"


def test_decision_create_refused_outside_scope_and_for_bad_input(world: World) -> None:
    assert_error(ApiClient(world.outsider).post("/decisions", decision_body()), 403)
    assert_error(ApiClient(world.officer).post("/decisions", decision_body()), 403)
    approver = ApiClient(world.commune_approver)
    assert_error(approver.post("/decisions", decision_body(number="mười lăm")), 400, "number")
    assert_error(approver.post("/decisions", decision_body(award_form="huan_chuong_vang")), 400, "award_form")
    assert_error(approver.post("/decisions", decision_body(issuer_unit="NOPE")), 400, "issuer_unit")
    assert_error(approver.post("/decisions", decision_body(awards=[])), 400, "awards")
    unrecognized = registered_initiative(world)
    assert_error(approver.post("/decisions", decision_body(awards=[{"initiative": unrecognized.pk}])), 400, "awards")
    assert approver.get("/decisions").json()["count"] == 0


def test_decision_list_by_scope(world: World, django_assert_num_queries: Any) -> None:
    approver = ApiClient(world.commune_approver)
    approver.post("/decisions", decision_body())
    approver.post("/decisions", decision_body(number="16/QĐ-UBND", date="2025-03-01"))
    api = ApiClient(world.approver)
    with django_assert_num_queries(7):  # token+user, memberships, unit, predecessors, count, page, awards
        body = api.get("/decisions", unit="C1", year_from=2026).json()
    assert [d["number"] for d in body["items"]] == ["15/QĐ-UBND"] and body["count"] == 1
    assert ApiClient(world.outsider).get("/decisions").json()["count"] == 0
    assert_error(ApiClient(world.outsider).get("/decisions", unit="C1"), 403)
    assert_error(api.get("/decisions", unit="NOPE"), 404)


# Statistics ---------------------------------------------------------------------------------------


def test_stats_in_the_contracts_shape(world: World) -> None:
    recognized_initiative(world)
    registered_initiative(
        world, kind="individual", person_name="Lò Thị Hiền", person_gender="female", field=_field("culture_society")
    )
    ApiClient(world.commune_approver).post(
        "/decisions",
        decision_body(
            awards=[{"recipient_name": "Bà Lò Thị Hiền", "recipient_kind": "individual", "recipient_gender": "female"}]
        ),
    )
    body = ApiClient(world.viewer).get("/stats", unit="P1", year_from=2026, year_to=2026).json()
    assert body == {
        "unit": "P1", "year_from": 2026, "year_to": 2026, "date_from": "2026-01-01", "date_to": "2026-12-31",
        "registered": {"total": 2, "by_level": {"commune": 2}, "by_field": {"economy": 1, "culture_society": 1},
                       "by_kind": {"collective": 1, "individual": 1}},
        "recognized": {"total": 1, "by_level": {"commune": 1}, "by_field": {"economy": 1},
                       "by_kind": {"collective": 1}},
        "exemplary": {"total": 0, "by_level": {}, "by_field": {}, "by_kind": {}},
        "commended": {"total": 1, "by_kind": {"individual": 1}, "decisions": 1},
        "women": {"registered": 1, "recognized": 0, "commended": 1},
        "measures": {},
    }  # fmt: skip


def test_stats_outside_scope_and_bad_periods(world: World) -> None:
    assert_error(ApiClient(world.outsider).get("/stats", unit="C1"), 403)
    api = ApiClient(world.approver)
    assert_error(api.get("/stats", unit="NOPE"), 404)
    assert_error(api.get("/stats"), 400, "unit")
    assert_error(api.get("/stats", unit="P1", year_from=2020, year_to=2018), 400, "year_to")
    assert_error(api.get("/stats", unit="P1", year_from=1999), 400, "year_from")


# Reports ------------------------------------------------------------------------------------------


def test_report_request_poll_and_download(world: World, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    recognized_initiative(world)
    api = ApiClient(world.commune_approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/reports", {"unit": "C1", "year_from": 2026, "year_to": 2026, "format": "xlsx"})
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued" and response.json()["download_url"] is None
    report = api.get(f"/reports/{response.json()['id']}").json()
    assert report["status"] == "done" and report["download_url"].startswith("/api/v1/reports/")
    download = api.client.get(report["download_url"], HTTP_AUTHORIZATION=f"Bearer {api.token}")
    content = b"".join(download.streaming_content)
    assert download.status_code == 200 and content[:2] == b"PK"
    other = ApiClient(world.approver)
    assert_error(other.get(f"/reports/{report['id']}"), 404)
    assert other.client.get(report["download_url"], HTTP_AUTHORIZATION=f"Bearer {other.token}").status_code == 404


def test_report_request_refused_outside_scope_and_for_bad_input(world: World) -> None:
    body = {"unit": "C1", "year_from": 2026, "year_to": 2026, "format": "docx"}
    assert_error(ApiClient(world.outsider).post("/reports", body), 403)
    api = ApiClient(world.commune_approver)
    assert_error(api.post("/reports", {**body, "format": "odt"}), 400, "format")
    assert_error(api.post("/reports", {**body, "layout": "dang"}), 400, "layout")
    assert_error(api.post("/reports", {**body, "year_to": 2020}), 400, "year_to")
    assert_error(api.post("/reports", {**body, "unit": "NOPE"}), 400, "unit")
    assert_error(api.get("/reports/99999"), 404)


def _field(code: str) -> Any:
    from danvan.movements.models import Field

    return Field.objects.get(code=code)


# A district's historical records, imported, then counted --------------------------------------------


def test_imported_district_history_gives_exactly_the_stats_the_file_implies(world: World, tmp_path: Path) -> None:
    # given: a district dissolved on 1 July 2025 whose communes went to the province P1
    su = world.superuser
    district = unit_create(by=su, code="901", name="Huyện Lạc Sơn Mẫu", kind="district", parent=world.province,
                           valid_to=datetime.date(2025, 6, 30), successor=world.province)  # fmt: skip
    for code, name in [("90101", "Xã Ân Nghĩa"), ("90102", "Xã Yên Nghiệp"), ("90103", "Thị trấn Vụ Bản")]:
        unit_create(by=su, code=code, name=name, kind="commune", parent=district,
                    valid_to=datetime.date(2025, 6, 30), successor=world.commune)  # fmt: skip
    fields = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng Đảng, hệ thống chính trị"]
    rows = []
    for n in range(60):
        year = 2018 + n % 3
        kind = "Điển hình" if n % 4 == 0 else "Mô hình"
        row = {"row_key": f"LS-{n:03d}", "title": f"Mô hình dân vận khéo số {n}", "kind": kind,
               "field": fields[n % 4], "unit": ["90101", "Xã Yên Nghiệp", "90103", "901"][n % 4], "year": year,
               "registered_level": "Huyện" if n % 4 == 3 else "Xã",
               "person_name": f"Người thứ {n}" if kind == "Điển hình" else None}  # fmt: skip
        if n % 3 != 2:  # two in three recognised, at the commune or the district, some in the next year
            row |= {"status": "Đã công nhận", "recognized_level": "Huyện" if n % 5 == 0 else "Xã",
                    "recognized_on": f"15/{11 if n % 2 else 1}/{year + (0 if n % 2 else 2)}",
                    "exemplary": "x" if n % 7 == 0 else None}  # fmt: skip
        elif n % 6 == 5:
            row["status"] = "Không công nhận"
        rows.append(row)
    path = write_xlsx(tmp_path / "lac-son-2018-2020.xlsx", rows, keys=[
        "row_key", "title", "kind", "field", "unit", "year", "registered_level", "status", "recognized_level",
        "recognized_on", "exemplary", "person_name"])  # fmt: skip
    # when
    call_command("import_initiatives", str(path), "--as", world.approver.username, stdout=StringIO())
    # then: what the file implies, counted here from the rows themselves
    codes = {"Kinh tế": "economy", "Văn hóa - xã hội": "culture_society", "Quốc phòng - an ninh": "defence_security",
             "Xây dựng Đảng, hệ thống chính trị": "political_system"}  # fmt: skip
    level = {"Xã": "commune", "Huyện": "district"}
    kind_code = {"Mô hình": "collective", "Điển hình": "individual"}

    def recognized_year(r: dict[str, Any]) -> int:
        return int(r["recognized_on"][-4:])

    def breakdown(items: list[dict[str, Any]], level_key: str) -> dict[str, Any]:
        return {"total": len(items), "by_level": dict(Counter(level[r[level_key]] for r in items)),
                "by_field": dict(Counter(codes[r["field"]] for r in items)),
                "by_kind": dict(Counter(kind_code[r["kind"]] for r in items))}  # fmt: skip

    recognized = [r for r in rows if r.get("status") == "Đã công nhận" and 2018 <= recognized_year(r) <= 2020]
    expected = {
        "unit": "901", "year_from": 2018, "year_to": 2020, "date_from": "2018-01-01", "date_to": "2020-12-31",
        "registered": breakdown(rows, "registered_level"),
        "recognized": breakdown(recognized, "recognized_level"),
        "exemplary": breakdown([r for r in recognized if r.get("exemplary")], "recognized_level"),
        "commended": {"total": 0, "by_kind": {}, "decisions": 0},
        "women": {"registered": 0, "recognized": 0, "commended": 0},
        "measures": {},
    }  # fmt: skip
    api = ApiClient(world.approver)
    assert api.get("/stats", unit="901", year_from=2018, year_to=2020).json() == expected
    assert len(recognized) < len([r for r in rows if r.get("status") == "Đã công nhận"])  # 2021 ones fall outside
    # the province that took the district over counts the same records
    province = api.get("/stats", unit="P1", year_from=2018, year_to=2020).json()
    assert province["registered"] == expected["registered"] and province["recognized"] == expected["recognized"]
    # the pre-computed counts the import kept are exactly what a rebuild from the initiatives gives
    kept = nonzero_rows()
    rebuild_counts()
    assert nonzero_rows() == kept
    # and importing the file again changes no figure
    call_command("import_initiatives", str(path), "--as", world.approver.username, stdout=StringIO())
    assert api.get("/stats", unit="901", year_from=2018, year_to=2020).json() == expected
