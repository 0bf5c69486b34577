"""The unit picker: found by name with or without diacritics, within the caller's scope, shown with the
unit above; the type-ahead's JSON behind the login; drop-downs in Vietnamese dictionary order."""

import pytest
from django.urls import reverse

from danvan.core.text import collation_key
from danvan.orgs.models import Membership, Role
from danvan.orgs.selectors import sorted_units, unit_search
from danvan.orgs.services import unit_create
from tests.conftest import make_user


@pytest.fixture
def phu_tho(world):
    """A second province with units whose names differ only by diacritics and by "đ"."""
    su = world.superuser
    province = unit_create(by=su, code="25", name="Tỉnh Phú Thọ", kind="province", parent=world.root)
    communes = [
        unit_create(by=su, code=code, name=name, kind="commune", parent=province)
        for code, name in [
            ("25-1", "Phường Phú Thọ"),
            ("25-2", "Xã Phù Ninh"),
            ("25-3", "Xã Đan Thượng"),
            ("25-4", "Xã Dân Chủ"),
            ("25-5", "Phường Âu Cơ"),
            ("25-6", "Xã Yên Lập"),
        ]
    ]
    secretariat = make_user("pt.vanphong", "Phạm Thu Hà", (province, Role.APPROVER))
    return province, communes, secretariat


def names(units):
    return [u.name for u in units]


def test_typed_without_diacritics_finds_the_unit(world, phu_tho) -> None:
    _province, _communes, secretariat = phu_tho
    found, more = unit_search(user=secretariat, q="phu tho")
    # the province first (its name starts with what was typed after the kind word), then the ward
    assert names(found) == ["Tỉnh Phú Thọ", "Phường Phú Thọ"] and not more
    assert names(unit_search(user=secretariat, q="Phú Thọ")[0]) == ["Tỉnh Phú Thọ", "Phường Phú Thọ"]
    # "d" finds "đ" as search does everywhere (core.text.fold); "đ" finds "d" too
    assert names(unit_search(user=secretariat, q="dan")[0]) == ["Xã Dân Chủ", "Xã Đan Thượng"]
    assert names(unit_search(user=secretariat, q="đan")[0]) == ["Xã Dân Chủ", "Xã Đan Thượng"]
    assert unit_search(user=secretariat, q="   ")[0] == []


def test_search_stays_in_the_scope_unless_asked_for_the_units_above(world, phu_tho) -> None:
    # the Phú Thọ secretariat does not find the other province's units, nor the other province
    _province, _communes, secretariat = phu_tho
    assert unit_search(user=secretariat, q="dong hoa")[0] == []
    assert unit_search(user=secretariat, q="hoa binh")[0] == []
    # the outsider (officer of another commune) does not find the commune next door
    assert unit_search(user=world.outsider, q="dong hoa")[0] == []
    # a village officer finds the province above only when the picker asks for the units above
    assert unit_search(user=world.officer, q="hoa binh")[0] == []
    assert names(unit_search(user=world.officer, q="hoa binh", above=True)[0]) == ["Tỉnh Hòa Bình Mẫu"]
    # the roles narrow the scope: the commune's reviewer manages nothing
    assert unit_search(user=world.commune_reviewer, q="doan ket", roles=[Role.APPROVER, Role.ADMIN])[0] == []
    assert names(unit_search(user=world.commune_reviewer, q="doan ket")[0]) == ["Thôn Đoàn Kết"]


def test_the_type_ahead_answers_json_with_the_parent(world, phu_tho, django_assert_num_queries) -> None:
    _province, _communes, secretariat = phu_tho
    client = world.client_for(secretariat)
    url = reverse("orgs-unit-picker")
    client.get(url, {"q": "x"})  # the session is read once before counting
    # session, user, memberships, units
    with django_assert_num_queries(4):
        response = client.get(url, {"q": "phu tho", "roles": "approver,admin"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert [(r["name"], r["parent"], r["code"]) for r in results] == [
        ("Tỉnh Phú Thọ", "Trung ương", "25"),
        ("Phường Phú Thọ", "Tỉnh Phú Thọ", "25-1"),
    ]
    assert results[1]["label"] == "Phường Phú Thọ (Tỉnh Phú Thọ)"
    assert response.json()["more"] is False
    # an unknown role is ignored (every role), a bad query answers nothing, never an error
    assert client.get(url, {"q": "phu tho", "roles": "nobody"}).json()["results"] == results
    assert client.get(url, {"q": "%_'\"" * 40}).json() == {"results": [], "more": False}


def test_the_type_ahead_is_behind_the_login_and_the_scope(world, phu_tho, client) -> None:
    url = reverse("orgs-unit-picker")
    response = client.get(url, {"q": "phu tho"})
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    # the outsider finds nothing of the other commune nor of Phú Thọ
    outsider = world.client_for(world.outsider)
    assert outsider.get(url, {"q": "doan ket"}).json()["results"] == []
    assert outsider.get(url, {"q": "phu tho", "above": "1"}).json()["results"] == []
    assert [r["name"] for r in outsider.get(url, {"q": "tay son"}).json()["results"]] == ["Phường Tây Sơn"]


def test_many_matches_are_cut_and_said_so(world) -> None:
    for n in range(1, 26):
        unit_create(by=world.superuser, code=f"C1-K{n}", name=f"Khu {n}", kind="village", parent=world.commune)
    found, more = unit_search(user=world.commune_approver, q="khu")
    assert more and len(found) == 20
    assert names(found)[:3] == ["Khu 1", "Khu 2", "Khu 3"]  # numbers by their value


def test_vietnamese_dictionary_order() -> None:
    words = ["Yên Lập", "Đan Thượng", "Dân Chủ", "Âu Cơ", "An Lạc", "Ba Vì", "Hóa", "Hoa", "Hòa", "Ông", "Ơn", "Oa"]
    assert sorted(words, key=collation_key) == [
        "An Lạc",
        "Âu Cơ",
        "Ba Vì",
        "Dân Chủ",
        "Đan Thượng",
        "Hoa",
        "Hòa",
        "Hóa",
        "Oa",
        "Ông",
        "Ơn",
        "Yên Lập",
    ]
    assert sorted(["Khu 10", "Khu 2", "Khu 1"], key=collation_key) == ["Khu 1", "Khu 2", "Khu 10"]


def test_drop_downs_list_units_in_vietnamese_order_with_their_parent(world, phu_tho) -> None:
    province, communes, secretariat = phu_tho
    assert names(sorted_units([*communes, province])) == [
        "Tỉnh Phú Thọ",
        "Phường Âu Cơ",
        "Phường Phú Thọ",
        "Xã Dân Chủ",
        "Xã Đan Thượng",
        "Xã Phù Ninh",
        "Xã Yên Lập",
    ]
    # the decision form: the issuing unit is chosen by name, in that order, never typed as a code
    page = world.client_for(secretariat).get(reverse("awards-decision-create")).content.decode()
    assert "Mã đơn vị" not in page
    start = page.index('name="issuer_unit"')
    options = page[start : page.index("</select>", start)]
    order = [options.index(f">{n}") for n in ["Tỉnh Phú Thọ", "Phường Âu Cơ (Tỉnh Phú Thọ)", "Xã Dân Chủ (Tỉnh"]]
    assert order == sorted(order)
    assert options.index("Xã Dân Chủ (Tỉnh") < options.index("Xã Đan Thượng (Tỉnh") < options.index("Xã Yên Lập")
    assert 'data-unit-picker="/don-vi/chon.json?roles=approver%2Cadmin"' in page
    assert "Hòa Bình" not in options


def test_a_decision_is_issued_by_the_unit_picked_and_listed_by_it(world, phu_tho) -> None:
    province, _communes, secretariat = phu_tho
    Membership.objects.create(user=secretariat, unit=province, role=Role.ADMIN)
    client = world.client_for(secretariat)
    data = {
        "number": "12/QĐ-UBND",
        "date": "15/12/2025",
        "issuer_unit": "25-1",  # a ward of the province: the type-ahead sets its code
        "award_form": "giay_khen",
        "signer_name": "Phạm Thu Hà",
        "signer_title": "CHỦ TỊCH",
        "collectives": "Hội Phụ nữ phường Phú Thọ",
    }
    response = client.post(reverse("awards-decision-create"), data)
    assert response.status_code == 302
    # the list filter takes the unit picked too (the ward and what is under it)
    listed = client.get(reverse("awards-decision-list"), {"unit": "25-1"}).content.decode()
    assert "12/QĐ-UBND" in listed and '<option value="25-1" selected>Phường Phú Thọ (Tỉnh Phú Thọ)</option>' in listed
    other = client.get(reverse("awards-decision-list"), {"unit": "25-2"}).content.decode()
    assert "12/QĐ-UBND" not in other
