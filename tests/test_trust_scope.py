"""Issue 17, points 2 and 3: every write checks every unit it names against the caller's scope and
level (successor, kinds of unit, recognition levels, programmes), on the web, the API and the import."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from danvan.imports.checking import check_file
from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_create, initiative_enter_historical
from danvan.movements.services import programme_create
from danvan.orgs.models import Role, Unit
from danvan.orgs.services import creatable_kinds, unit_create
from tests.api_helpers import ApiClient
from tests.conftest import World, initiative_data, make_user
from tests.import_helpers import row, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_province(world: World) -> Unit:
    """Another province with a commune, as the outsider Phú Thọ was to a Hà Nội commune."""
    province = unit_create(by=world.superuser, code="P2", name="Tỉnh Phú Thọ Mẫu", kind="province", parent=world.root)
    unit_create(by=world.superuser, code="C9", name="Xã Hy Cương", kind="commune", parent=province)
    return province


def test_a_commune_admins_unit_whose_successor_is_another_province_is_refused(
    world: World, other_province: Unit
) -> None:
    commune_admin = make_user("xa.quantri", "Lý Văn Toàn", (world.commune, Role.ADMIN))
    body = {"code": "C1-X", "name": "Thôn Giả", "kind": "village", "parent": "C1", "successor": "P2",
            "valid_to": "2025-06-30"}  # fmt: skip
    response = ApiClient(commune_admin).post("/units", body)
    assert response.status_code == 400, response.content
    message = response.json()["errors"][0]
    assert message["field"] == "successor"
    assert "Tỉnh Phú Thọ Mẫu" in message["message"] and "ngoài phạm vi" in message["message"]
    with pytest.raises(ValidationError, match="ngoài phạm vi bạn quản trị"):
        unit_create(by=commune_admin, code="C1-Y", name="Thôn Giả", kind="village", parent=world.commune,
                    successor=other_province)  # fmt: skip
    assert not Unit.objects.filter(code__in=["C1-X", "C1-Y"]).exists()
    # A successor inside the admin's own subtree is fine.
    ok = ApiClient(commune_admin).post("/units", {**body, "successor": "C1-V1"})
    assert ok.status_code == 201, ok.content


def test_the_kinds_a_caller_may_create_are_bounded_by_the_parents_level(world: World) -> None:
    commune_admin = make_user("xa.quantri", "Lý Văn Toàn", (world.commune, Role.ADMIN))
    api = ApiClient(commune_admin)
    for i, kind in enumerate(["province", "central", "district", "commune"]):
        response = api.post("/units", {"code": f"K{i}", "name": "Đơn vị lạ", "kind": kind, "parent": "C1"})
        assert response.status_code == 400, (kind, response.content)
        assert response.json()["errors"][0]["field"] == "kind"
    assert api.post("/units", {"code": "K9", "name": "Chi hội Nông dân", "kind": "association",
                               "parent": "C1"}).status_code == 201  # fmt: skip
    # The web form offers exactly the same list, and refuses a kind it does not offer.
    offered = set(creatable_kinds(by=commune_admin, parent=world.commune).values_list("code", flat=True))
    assert "province" not in offered and "commune" not in offered and "village" in offered
    client = world.client_for(commune_admin)
    page = client.get(reverse("orgs-unit-create", args=["C1"])).content.decode()
    assert 'value="village"' in page and 'value="province"' not in page and 'value="central"' not in page
    response = client.post(reverse("orgs-unit-create", args=["C1"]), {"code": "K5", "name": "Tỉnh Giả",
                                                                       "kind": "province"})  # fmt: skip
    assert response.status_code == 200 and "K5" not in set(Unit.objects.values_list("code", flat=True))
    # A province admin may add a commune under the province, never a province.
    under_province = creatable_kinds(by=world.province_admin, parent=world.province)
    assert under_province.filter(code="commune").exists() and not under_province.filter(code="province").exists()
    assert not Unit.objects.filter(code__in=["K0", "K1", "K2", "K3"]).exists()


def test_a_commune_approver_enters_recognitions_only_at_the_commune_level(world: World, tmp_path: Path) -> None:
    recognized = {"status": "recognized", "recognized_on": "2024-11-20", "exemplary": True}
    api = ApiClient(world.commune_approver)
    body = {"title": "Mô hình trung ương giả", "kind": "collective", "field": "economy", "unit": "C1-V1",
            "year": 2024, "recognized_level": "central", **recognized}  # fmt: skip
    response = api.post("/initiatives", body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors[0]["field"] == "recognized_level" and "cấp xã" in errors[0]["message"]
    assert api.post("/initiatives", {**body, "recognized_level": "province"}).status_code == 400
    assert not Initiative.objects.exists()
    assert api.post("/initiatives", {**body, "recognized_level": "commune"}).status_code == 201
    # The province approver may enter a provincial recognition for the same village.
    province = ApiClient(world.approver).post("/initiatives", {**body, "title": "Khác", "recognized_level": "province"})
    assert province.status_code == 201, province.content
    # The import: the same rule, on its row and column.
    path = write_xlsx(tmp_path / "levels.xlsx", [
        row(title="Công nhận cấp trung ương", status="Đã công nhận", recognized_level="Trung ương",
            recognized_on="01/12/2021"),
    ])  # fmt: skip
    with path.open("rb") as f:
        result = check_file(f, by=world.commune_approver)
    assert [(p.row, p.column) for p in result.problems] == [(2, "Cấp công nhận")]
    assert "cấp xã" in result.problems[0].message
    # And the web form of historical entry.
    with pytest.raises(ValidationError, match="cấp xã"):
        initiative_enter_historical(by=world.commune_approver, data=initiative_data(world, year=2024),
                                    status="recognized", recognized_level="central",
                                    recognized_on=datetime.date(2024, 11, 20))  # fmt: skip
    assert Initiative.objects.count() == 2


def test_an_officer_registers_only_under_a_programme_that_applies_to_the_unit(
    world: World, other_province: Unit
) -> None:
    period = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2030, 12, 31)}
    foreign = programme_create(by=world.superuser, number="06-ĐA/TU", title="Đề án của tỉnh khác",
                               issuer=other_province, **period)  # fmt: skip
    own = programme_create(by=world.superuser, number="07-ĐA/TU", title="Đề án của tỉnh", issuer=world.province,
                           **period)  # fmt: skip
    with pytest.raises(ValidationError, match="không áp dụng cho"):
        initiative_create(by=world.officer, data=initiative_data(world, programme=foreign))
    assert not Initiative.objects.exists()
    assert initiative_create(by=world.officer, data=initiative_data(world, programme=own)).programme == own
    client = world.client_for(world.officer)
    page = client.get(reverse("initiatives-create")).content.decode()
    assert "07-ĐA/TU" in page and "06-ĐA/TU" not in page
    post = {"title": "Qua biểu mẫu", "kind": "collective", "field": "economy", "unit": world.village.pk,
            "year": 2026, "registered_level": "commune", "programme": foreign.pk, "upload_end": "1"}  # fmt: skip
    response = client.post(reverse("initiatives-create"), post)
    assert response.status_code == 400
    assert Initiative.objects.count() == 1
