"""The REST API of /work/shared/API.md: shapes, status codes, scope, query counts."""

import datetime
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from danvan.accounts.tokens import token_hash
from danvan.api.models import ApiToken
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_act
from danvan.orgs.models import Unit
from danvan.orgs.services import unit_create
from tests.api_helpers import ApiClient
from tests.conftest import World, registered_initiative, score_sheet

pytestmark = pytest.mark.django_db


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and body["detail"]
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body
        assert all(set(e) == {"field", "message"} and e["message"] for e in body["errors"])
    return body


def new_initiative(**overrides: Any) -> dict[str, Any]:
    return {"title": "Chợ 4.0 không dùng tiền mặt", "kind": "collective", "field": "economy", "unit": "C1-V1",
            "year": 2025, **overrides}  # fmt: skip


# Tokens -------------------------------------------------------------------------------------


def test_create_api_token_prints_only_the_token_and_stores_its_hash(world: World) -> None:
    out = StringIO()
    call_command("create_api_token", "thon.canbo", stdout=out)
    token = out.getvalue().strip()
    assert "\n" not in token and len(token) > 30
    row = ApiToken.objects.get(user=world.officer)
    assert row.key_hash == token_hash(token) and token not in row.key_hash
    assert ApiClient(None, token=token).get("/fields").status_code == 200


def test_create_api_token_for_unknown_user_fails_in_vietnamese(world: World) -> None:
    with pytest.raises(CommandError, match=r"Không có người dùng “khong\.co”"):
        call_command("create_api_token", "khong.co")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("token", ["", "sai-ma", "x" * 500, "dvk_\u0000"])
def test_every_endpoint_needs_a_valid_token(world: World, token: str) -> None:
    api = ApiClient(None, token=token)
    for path in ["/units", "/users", "/fields", "/initiatives", "/initiatives/1"]:
        assert_error(api.get(path), 401)
    assert_error(api.post("/initiatives", new_initiative()), 401)


def test_a_revoked_token_or_inactive_user_is_refused(world: World) -> None:
    api = ApiClient(world.officer)
    world.officer.is_active = False
    world.officer.save(update_fields=["is_active"])
    assert_error(api.get("/fields"), 401)


def test_each_token_has_its_own_rate_limit(world: World, settings: Any) -> None:
    # given a limit of 3 requests a minute
    settings.API_RATE = "3/min"
    first, second = ApiClient(world.officer), ApiClient(world.officer)
    # when the first token sends 4
    answers = [first.get("/fields").status_code for _ in range(3)]
    refused = first.get("/fields")
    # then the 4th is refused in the contract's shape, with when to come back
    assert answers == [200, 200, 200]
    body = assert_error(refused, 429)
    assert "3 yêu cầu" in body["detail"] and "60 giây" in body["detail"]
    assert 0 < int(refused["Retry-After"]) <= 60
    # and another token (even of the same person) is counted on its own
    assert second.get("/fields").status_code == 200
    # the limit is in the schema of every operation
    schema = first.client.get("/api/v1/openapi.json").json()
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert operations and all("429" in op["responses"] for op in operations)


# Units --------------------------------------------------------------------------------------


def test_unit_list_matches_names_without_diacritics(world: World, django_assert_num_queries: Any) -> None:
    api = ApiClient(world.outsider)
    with django_assert_num_queries(3):  # token+user, count, one page of units with parent and successor
        response = api.get("/units", q="dong hoa")
    assert response.json() == {
        "items": [{"code": "C1", "name": "Xã Đông Hòa", "kind": "commune", "parent": "P1", "valid_from": None,
                   "valid_to": None, "successor": None}],
        "count": 1,
    }  # fmt: skip


def test_unit_list_filters_by_kind_parent_and_active_on(world: World, django_assert_num_queries: Any) -> None:
    unit_create(by=world.superuser, code="C3", name="Xã Cũ", kind="commune", parent=world.province,
                valid_to=datetime.date(2025, 6, 30), successor=world.commune)  # fmt: skip
    api = ApiClient(world.viewer)
    with django_assert_num_queries(4):  # token+user, parent unit, count, page
        body = api.get("/units", parent="P1", kind="commune", active_on="2025-07-01").json()
    assert [u["code"] for u in body["items"]] == ["C1", "C2"]
    old = api.get("/units", q="xa cu").json()["items"][0]
    assert old["valid_to"] == "2025-06-30" and old["successor"] == "C1"
    assert_error(api.get("/units", parent="KHONGCO"), 404)
    assert_error(api.get("/units", active_on="31/02/2020"), 400, "active_on")


def test_unit_create_by_an_admin_of_the_parent(world: World) -> None:
    response = ApiClient(world.province_admin).post(
        "/units", {"code": "C1-MT", "name": "Ủy ban MTTQ xã Đông Hòa", "kind": "front", "parent": "C1"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["parent"] == "C1"
    assert Unit.objects.get(code="C1-MT").path == "/VN/P1/C1/C1-MT/"


def test_unit_create_outside_scope_is_403_and_bad_input_400(world: World) -> None:
    outsider = ApiClient(world.outsider)
    assert_error(outsider.post("/units", {"code": "X1", "name": "Thôn mới", "kind": "village", "parent": "C1"}), 403)
    admin = ApiClient(world.province_admin)
    assert_error(admin.post("/units", {"code": "C1", "name": "Trùng", "kind": "village", "parent": "C1"}), 400, "code")
    assert_error(admin.post("/units", {"code": "X2", "name": "A", "kind": "village", "parent": "NOPE"}), 400, "parent")
    assert_error(
        admin.post("/units", {"code": "X3", "name": "A" * 300, "kind": "village", "parent": "C1"}), 400, "name"
    )
    assert_error(admin.post("/units", {"code": "X4", "name": "A", "kind": "khong-co", "parent": "C1"}), 400, "kind")
    assert_error(admin.post("/units", {"code": "X5", "name": "Gốc", "kind": "province"}), 403)
    assert not Unit.objects.filter(code__startswith="X").exists()


# Users --------------------------------------------------------------------------------------


def test_user_create_in_the_admins_subtree(world: World) -> None:
    body = {"username": "xa.canbo2", "full_name": "Phạm Thị Lan", "password": "Dan-van-kheo-2026!",
            "roles": [{"unit": "C1", "role": "officer"}]}  # fmt: skip
    response = ApiClient(world.province_admin).post("/users", body)
    assert response.status_code == 201, response.content
    assert response.json() == {"username": "xa.canbo2", "full_name": "Phạm Thị Lan",
                               "roles": [{"unit": "C1", "role": "officer"}]}  # fmt: skip


def test_user_create_outside_scope_or_with_a_weak_password(world: World) -> None:
    body: dict[str, Any] = {"username": "moi", "full_name": "A", "password": "Dan-van-kheo-2026!",
                            "roles": [{"unit": "C1", "role": "officer"}]}  # fmt: skip
    assert_error(ApiClient(world.outsider).post("/users", body), 403)
    assert_error(ApiClient(world.commune_approver).post("/users", body), 403)
    weak = assert_error(ApiClient(world.province_admin).post("/users", {**body, "password": "123"}), 400, "password")
    assert len([e for e in weak["errors"] if e["field"] == "password"]) >= 2
    assert_error(ApiClient(world.province_admin).post("/users", {**body, "roles": [{"unit": "C1", "role": "vua"}]}),
                 400, "roles.0.role")  # fmt: skip
    assert not world.province_admin.__class__.objects.filter(username="moi").exists()


def test_user_list_of_an_admins_subtree(world: World, django_assert_num_queries: Any) -> None:
    api = ApiClient(world.province_admin)
    with django_assert_num_queries(5):  # token+user, memberships of the caller, count, page, roles in scope
        body = api.get("/users").json()
    assert body["count"] == 7  # everyone with a role under P1 (the superuser holds none)
    officer = next(u for u in body["items"] if u["username"] == "thon.canbo")
    assert officer["roles"] == [{"unit": "C1-V1", "role": "officer"}]
    with django_assert_num_queries(6):  # token+user, unit, memberships of the caller, count, page, roles in scope
        body = api.get("/users", unit="C2").json()
    assert [u["username"] for u in body["items"]] == ["xakhac.canbo"]


def test_user_list_refused_to_non_admins(world: World) -> None:
    assert_error(ApiClient(world.outsider).get("/users"), 403)
    assert_error(ApiClient(world.commune_approver).get("/users", unit="C1"), 403)
    assert_error(ApiClient(world.province_admin).get("/users", unit="NOPE"), 404)


# Fields -------------------------------------------------------------------------------------


def test_field_list(world: World, django_assert_num_queries: Any) -> None:
    api = ApiClient(world.outsider)
    with django_assert_num_queries(3):  # token+user, count, page
        body = api.get("/fields").json()
    assert body["count"] == 4
    assert {"code": "culture_society", "name": "Văn hóa - xã hội"} in body["items"]


# Initiatives --------------------------------------------------------------------------------


def test_initiative_create_registers_it(world: World) -> None:
    response = ApiClient(world.officer).post("/initiatives", new_initiative(summary="Người dân quét mã QR."))
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["status"] == "registered" and item["unit"] == "C1-V1" and item["registered_level"] == "commune"
    assert item["recognized_on"] is None and item["exemplary"] is False
    assert Initiative.objects.get(pk=item["id"]).created_by == world.officer


def test_initiative_create_outside_scope_is_403(world: World) -> None:
    assert_error(ApiClient(world.outsider).post("/initiatives", new_initiative()), 403)
    assert_error(ApiClient(world.viewer).post("/initiatives", new_initiative()), 403)
    assert not Initiative.objects.exists()


def test_initiative_create_bad_input_lists_every_field(world: World) -> None:
    api = ApiClient(world.officer)
    body = assert_error(api.post("/initiatives", {"title": 5, "kind": "nhom", "year": "hai nghin"}), 400)
    assert {e["field"] for e in body["errors"]} >= {"title", "kind", "field", "unit", "year"}
    assert_error(api.post("/initiatives", new_initiative(field="nong_thon")), 400, "field")
    assert_error(api.post("/initiatives", new_initiative(unit="NOPE")), 400, "unit")
    assert_error(api.post("/initiatives", new_initiative(year=2005)), 400, "year")
    assert_error(api.post("/initiatives", new_initiative(title="  ")), 400, "title")
    assert_error(api.post("/initiatives", new_initiative(title="a\u0000b")), 400, "title")
    assert_error(api.post("/initiatives", new_initiative(kind="individual")), 400, "person_name")
    assert_error(api.post("/initiatives", new_initiative(recognized_on="2025-05-01")), 400, "recognized_on")
    assert_error(api.post("/initiatives", "[1, 2"), 400, "body")
    assert_error(api.post("/initiatives", b"\xff\xfe"), 400)
    assert not Initiative.objects.exists()


def test_historical_entry_for_approvers_only(world: World) -> None:
    recognized = new_initiative(status="recognized", recognized_level="commune", recognized_on="2021-11-20",
                                exemplary=True, year=2021)  # fmt: skip
    assert_error(ApiClient(world.officer).post("/initiatives", recognized), 403)
    response = ApiClient(world.commune_approver).post("/initiatives", recognized)
    assert response.status_code == 201, response.content
    item = response.json()
    assert (item["status"], item["recognized_on"], item["exemplary"], item["historical"]) == (
        "recognized", "2021-11-20", True, True)  # fmt: skip
    missing = {**recognized, "recognized_on": None}
    assert_error(ApiClient(world.commune_approver).post("/initiatives", missing), 400, "recognized_on")


def test_initiative_list_filters_and_scope(world: World, django_assert_num_queries: Any) -> None:
    registered_initiative(world, title="Đường hoa thôn Đoàn Kết", year=2024)
    registered_initiative(world, title="Tổ tự quản an ninh", year=2025, field=_field("defence_security"))
    registered_initiative(world, title="Nhà văn hóa", year=2025, summary="Xây nhà sinh hoạt.")
    api = ApiClient(world.approver)
    with django_assert_num_queries(5):  # token+user, memberships (scope), count, page with units, measures
        body = api.get("/initiatives", year_from=2025, year_to=2025).json()
    assert {i["title"] for i in body["items"]} == {"Tổ tự quản an ninh", "Nhà văn hóa"} and body["count"] == 2
    with django_assert_num_queries(7):  # token+user, unit, memberships, predecessors, count, page, measures
        body = api.get("/initiatives", unit="C1-V1", field="economy", q="duong hoa").json()
    assert [i["title"] for i in body["items"]] == ["Đường hoa thôn Đoàn Kết"]
    assert api.get("/initiatives", status="recognized").json() == {"items": [], "count": 0}
    assert api.get("/initiatives", page=99, page_size=500).json()["items"] == []
    assert ApiClient(world.outsider).get("/initiatives").json()["count"] == 0
    assert_error(ApiClient(world.outsider).get("/initiatives", unit="C1"), 403)
    assert_error(api.get("/initiatives", unit="NOPE"), 404)
    assert_error(api.get("/initiatives", page_size=501), 400, "page_size")
    assert_error(api.get("/initiatives", page=10**30), 400, "page")
    assert_error(api.get("/initiatives", status="xong"), 400, "status")
    assert_error(api.get("/initiatives", year_from="2020x"), 400, "year_from")


def test_initiative_list_pages(world: World) -> None:
    for n in range(5):
        registered_initiative(world, title=f"Mô hình số {n}")
    body = ApiClient(world.approver).get("/initiatives", page=2, page_size=2).json()
    assert body["count"] == 5 and [i["title"] for i in body["items"]] == ["Mô hình số 2", "Mô hình số 1"]


def test_initiative_detail_with_events(world: World, django_assert_num_queries: Any) -> None:
    initiative = registered_initiative(world)
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    api = ApiClient(world.commune_reviewer)
    with django_assert_num_queries(5):  # token+user, memberships, initiative with unit, measures, events with users
        body = api.get(f"/initiatives/{initiative.pk}").json()
    assert [(e["action"], e["by"], e["to_status"]) for e in body["events"]] == [
        ("register", "thon.canbo", "registered"), ("attach", "thon.canbo", "registered"),
        ("submit", "thon.canbo", "under_review")]  # fmt: skip
    assert set(body["events"][0]) == {"action", "at", "by", "from_status", "to_status", "level", "note"}


def test_initiative_detail_is_404_outside_scope_or_unknown(world: World) -> None:
    initiative = registered_initiative(world)
    assert_error(ApiClient(world.outsider).get(f"/initiatives/{initiative.pk}"), 404)
    assert_error(ApiClient(world.approver).get("/initiatives/999999"), 404)
    assert_error(ApiClient(world.approver).get("/initiatives/abc"), 400, "id")
    assert_error(ApiClient(world.approver).get(f"/initiatives/{2**70}"), 400, "id")


def test_actions_200_409_403_404(world: World) -> None:
    initiative = registered_initiative(world)
    officer, reviewer = ApiClient(world.officer), ApiClient(world.commune_reviewer)
    assert_error(reviewer.post(f"/initiatives/{initiative.pk}/actions", {"action": "recognize"}), 409)
    response = officer.post(f"/initiatives/{initiative.pk}/actions", {"action": "submit"})
    assert response.status_code == 200 and response.json()["status"] == "under_review"
    assert_error(officer.post(f"/initiatives/{initiative.pk}/actions", {"action": "recognize"}), 403)
    assert_error(ApiClient(world.outsider).post(f"/initiatives/{initiative.pk}/actions", {"action": "submit"}), 404)
    assert_error(reviewer.post(f"/initiatives/{initiative.pk}/actions", {"action": "return"}), 400, "note")
    assert_error(reviewer.post(f"/initiatives/{initiative.pk}/actions", {"action": "bay"}), 400, "action")
    # recognition needs the level's score sheet
    assert_error(reviewer.post(f"/initiatives/{initiative.pk}/actions", {"action": "recognize"}), 409)
    score_sheet(world.commune_reviewer, initiative)
    response = reviewer.post(f"/initiatives/{initiative.pk}/actions", {"action": "recognize", "note": "Tốt"})
    assert response.status_code == 200, response.content
    assert response.json()["recognized_level"] == "commune"
    initiative.refresh_from_db()
    assert initiative.status == Status.RECOGNIZED


def _field(code: str) -> Any:
    from danvan.movements.models import Field

    return Field.objects.get(code=code)


def test_openapi_and_docs_are_served_without_a_cdn(world: World, client: Any) -> None:
    def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _v in pairs]
        assert len(keys) == len(set(keys)), keys  # Swagger UI refuses a document with a duplicated key
        return dict(pairs)

    schema = json.loads(client.get("/api/v1/openapi.json").content, object_pairs_hook=no_duplicate_keys)
    for path in ["/api/v1/units", "/api/v1/users", "/api/v1/fields", "/api/v1/initiatives",
                 "/api/v1/initiatives/{id}", "/api/v1/initiatives/{id}/actions"]:  # fmt: skip
        assert path in schema["paths"], path
    page = client.get("/api/v1/docs")
    html = page.content.decode()
    assert page.status_code == 200 and "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "<script>" not in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
