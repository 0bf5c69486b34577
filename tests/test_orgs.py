import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.urls import reverse

from danvan.orgs.access import access_unit, has_role, scope_q
from danvan.orgs.loading import load_units
from danvan.orgs.models import Role, Unit
from danvan.orgs.selectors import scope_paths_with_predecessors, unit_list
from danvan.orgs.services import unit_create


@pytest.mark.django_db
def test_load_units_builds_the_real_tree_once() -> None:
    # when
    first = load_units()
    second = load_units()
    # then
    assert first.counts == {
        "current_provinces": 34,
        "communes": 3321,
        "legacy_provinces": 63,
        "legacy_districts": 696,
    }
    assert first.created == 1 + 34 + 3321 + 63 + 696
    assert (second.created, second.updated) == (0, 0)
    assert Unit.objects.count() == first.created
    hanoi = Unit.objects.get(code="01")
    assert hanoi.name == "Thành phố Hà Nội"
    assert hanoi.level == "province"
    ba_dinh = Unit.objects.get(code="00004")
    assert ba_dinh.parent == hanoi and ba_dinh.level == "commune"
    assert ba_dinh.valid_from == datetime.date(2025, 7, 1)
    # every legacy unit points at today's province that took it over
    legacy = Unit.objects.filter(valid_to__isnull=False)
    assert not legacy.filter(successor__isnull=True).exists()
    assert set(legacy.values_list("successor__kind", flat=True)) == {"province"}
    kien_giang = Unit.objects.get(name="Tỉnh Kiên Giang", valid_to__isnull=False)
    assert kien_giang.successor.name == "Tỉnh An Giang"
    assert kien_giang.valid_to == datetime.date(2025, 6, 30)


@pytest.mark.django_db
def test_load_units_restores_a_renamed_unit_and_keeps_admin_units(world) -> None:
    load_units()
    commune = Unit.objects.get(code="00004")
    village = unit_create(by=world.superuser, code="00004-T1", name="Tổ dân phố 1", kind="village", parent=commune)
    Unit.objects.filter(code="00004").update(name="Tên sai")
    # when
    result = load_units()
    # then
    assert result.updated == 1
    assert Unit.objects.get(code="00004").name == "Phường Ba Đình"
    village.refresh_from_db()
    assert village.path.startswith(commune.path)


@pytest.mark.django_db
def test_predecessors_count_in_their_successor() -> None:
    load_units()
    an_giang = Unit.objects.get(code="91") if Unit.objects.filter(code="91", valid_to__isnull=True).exists() else None
    an_giang = an_giang or Unit.objects.get(name="Tỉnh An Giang", valid_to__isnull=True)
    paths = scope_paths_with_predecessors(an_giang)
    legacy_names = set(Unit.objects.filter(path__in=paths).exclude(pk=an_giang.pk).values_list("name", flat=True))
    assert legacy_names == {"Tỉnh An Giang", "Tỉnh Kiên Giang"}
    # a district of Kiên Giang lies under one of those paths
    district = Unit.objects.filter(parent__name="Tỉnh Kiên Giang").first()
    assert any(district.path.startswith(p) for p in paths)


def test_subtree_and_roles(world) -> None:
    assert has_role(world.commune_reviewer, world.village, [Role.REVIEWER])
    assert not has_role(world.commune_reviewer, world.other_commune, [Role.REVIEWER])
    assert not has_role(world.commune_reviewer, world.province, [Role.REVIEWER])
    assert has_role(world.approver, world.village, [Role.APPROVER])
    assert not has_role(world.officer, world.village, [Role.APPROVER])
    assert has_role(world.superuser, world.village, [Role.APPROVER])
    in_scope = set(Unit.objects.filter(scope_q(world.commune_reviewer, field="path")).values_list("code", flat=True))
    assert in_scope == {"C1", "C1-V1", "C1-V2"}
    assert not Unit.objects.filter(scope_q(world.outsider, field="path", roles=[Role.ADMIN])).exists()


def test_subtree_query_uses_the_path_index(world) -> None:
    sql, params = Unit.objects.subtree(world.commune.path).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
            assert "USING INDEX" in plan and "path" in plan
        else:
            cursor.execute("SET enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "orgs_unit_path" in plan
    assert {u.code for u in Unit.objects.subtree(world.commune.path)} == {"C1", "C1-V1", "C1-V2"}


def test_unit_create_checks_code_name_and_scope(world) -> None:
    with pytest.raises(ValidationError) as exc:
        unit_create(by=world.province_admin, code="C1", name="", kind="nope", parent=world.commune)
    assert set(exc.value.message_dict) == {"code", "name", "kind"}
    assert "đã được dùng" in exc.value.message_dict["code"][0]
    with pytest.raises(PermissionDenied):
        unit_create(by=world.officer, code="C1-V9", name="Thôn Mới", kind="village", parent=world.commune)
    with pytest.raises(PermissionDenied):
        unit_create(by=world.province_admin, code="X1", name="Tỉnh khác", kind="province", parent=None)
    unit = unit_create(by=world.province_admin, code="C1-MT", name="Ủy ban MTTQ xã", kind="front", parent=world.commune)
    assert unit.path == "/VN/P1/C1/C1-MT/" and unit.level == "commune"
    assert Unit.objects.filter(code="C1-V9").count() == 0


def test_access_unit_gate(world) -> None:
    with pytest.raises(Http404):
        access_unit(user=world.officer, code="KHONG-CO")
    with pytest.raises(PermissionDenied):
        access_unit(user=world.outsider, code="C1", roles=[Role.ADMIN])
    assert access_unit(user=world.province_admin, code="C1", roles=[Role.ADMIN]) == world.commune


def test_unit_search_with_or_without_diacritics(world) -> None:
    assert [u.code for u in unit_list(q="dong hoa")] == ["C1"]
    assert [u.code for u in unit_list(q="Đông Hòa")] == ["C1"]
    assert [u.code for u in unit_list(q="doan ket")] == ["C1-V1"]


# Views -------------------------------------------------------------------------------------


def test_unit_list_view_counts_its_queries(world, django_assert_num_queries) -> None:
    client = world.client_for(world.officer)
    # session, user, memberships (nav), unit kinds (filter), count, rows
    with django_assert_num_queries(6):
        response = client.get("/don-vi/", {"q": "hoa"})
    assert response.status_code == 200
    assert "Xã Đông Hòa" in response.content.decode()


def test_unit_views_need_login(client, world) -> None:
    for url in ["/don-vi/", "/don-vi/C1/", "/don-vi/C1/them/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_outsider_cannot_add_units_in_another_commune(world) -> None:
    client = world.client_for(world.outsider)
    response = client.post("/don-vi/C1/them/", {"code": "C1-V3", "name": "Thôn Lạ", "kind": "village"})
    assert response.status_code == 403
    assert not Unit.objects.filter(code="C1-V3").exists()


def test_admin_adds_a_village_and_bad_input_is_explained(world) -> None:
    client = world.client_for(world.province_admin)
    bad = client.post("/don-vi/C1/them/", {"code": "C1 V3", "name": "Thôn Mới", "kind": "village"})
    assert bad.status_code == 200
    assert "Mã đơn vị chỉ gồm" in bad.content.decode()
    assert 'value="Thôn Mới"' in bad.content.decode()
    ok = client.post("/don-vi/C1/them/", {"code": "C1-V3", "name": "Thôn Mới", "kind": "village"})
    assert ok.status_code == 302
    assert Unit.objects.get(code="C1-V3").parent == world.commune


def test_unknown_unit_is_404(world) -> None:
    assert world.client_for(world.officer).get("/don-vi/KHONG-CO/").status_code == 404


def test_a_units_page_finds_its_children_by_name_without_diacritics(world, django_assert_num_queries) -> None:
    client = world.client_for(world.province_admin)
    page = reverse("orgs-unit-detail", args=["P1"])
    client.get(page)
    # session, user, the unit, memberships (the gate, the admin check and the menu), the children
    with django_assert_num_queries(5):
        html = client.get(page, {"q": "tay son"}).content.decode()
    assert "Phường Tây Sơn" in html and "Xã Đông Hòa" not in html and 'value="tay son"' in html
    assert "Không có đơn vị trực thuộc nào tên có “đoàn”" in client.get(page, {"q": "đoàn"}).content.decode()
    assert "Xã Đông Hòa" in client.get(page).content.decode()
