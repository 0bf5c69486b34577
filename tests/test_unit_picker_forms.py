"""Unit pickers in the forms of rounds, key tasks, proposals, councils and the library: a unit of the
caller's scope is accepted even when the drop-down does not list it (the type-ahead found it), a unit
outside is refused with a Vietnamese message and nothing written; without JavaScript, the picker's own
search box lists the units of the whole scope that match, keeping what was typed in the form."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from danvan.keytasks.models import KeyTask
from danvan.orgs.forms import SEARCH_BUTTON, SEARCH_SUFFIX
from danvan.proposals.models import Council, Proposal
from danvan.rounds.models import IndicatorSet, ReportingRound
from tests.conftest import World
from tests.proposals_helpers import three_models

pytestmark = pytest.mark.django_db

OUTSIDE = "Hãy chọn một đơn vị trong phạm vi của bạn."


def options(page: str, name: str) -> list[str]:
    """The labels of the options of the drop-down `name`."""
    start = page.index(f'name="{name}"')
    select = page[start : page.index("</select>", start)]
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def round_data(**overrides: str) -> dict[str, str]:
    data = {
        "unit": "C1",
        "title": "Báo cáo quý IV năm 2026",
        "date_from": "01/10/2026",
        "date_to": "31/12/2026",
        "due": "05/01/2027",
        "indicator_set": str(IndicatorSet.objects.get(code="dan-van").pk),
    }
    return {**data, **overrides}


def task_data(**overrides: str) -> dict[str, str]:
    data = {"unit": "C1", "title": "Đối thoại với Nhân dân", "owner_unit": "C1-V1", "due": "30/06/2026"}
    return {**data, **overrides}


# Reporting rounds --------------------------------------------------------------------------------


def test_a_round_is_opened_by_a_unit_picked_below_the_role(world: World) -> None:
    client = world.client_for(world.approver)  # approver of the province
    page = client.get(reverse("rounds-create")).content.decode()
    # the drop-down lists the unit where the role is held; the type-ahead asks for the staff scope
    assert options(page, "unit") == ["— Chọn —", "Tỉnh Hòa Bình Mẫu"]
    assert 'data-unit-picker="/don-vi/chon.json?roles=officer%2Capprover%2Cadmin"' in page
    assert 'data-unit-value="code"' in page
    response = client.post(reverse("rounds-create"), round_data(unit="C1", confirmed="1"))
    assert response.status_code == 302
    opened = ReportingRound.objects.get()
    assert opened.unit == world.commune
    assert sorted(opened.submissions.values_list("unit__code", flat=True)) == ["C1-V1", "C1-V2"]


@pytest.mark.parametrize("unit", ["C1", "P1", "KHONG-CO", ""])
def test_a_round_for_a_unit_outside_the_scope_is_refused(world: World, unit: str) -> None:
    client = world.client_for(world.outsider)  # officer of Phường Tây Sơn
    response = client.post(reverse("rounds-create"), round_data(unit=unit))
    assert response.status_code == 200
    page = response.content.decode()
    assert (OUTSIDE if unit else "Trường này là bắt buộc.") in page
    assert "Báo cáo quý IV năm 2026" in page  # what was typed stays
    assert not ReportingRound.objects.exists()


# Key tasks ----------------------------------------------------------------------------------------


def test_a_task_is_set_by_a_unit_picked_below_the_role(world: World) -> None:
    client = world.client_for(world.approver)
    page = client.get(reverse("keytasks-create")).content.decode()
    assert options(page, "unit") == ["— Chọn —", "Tỉnh Hòa Bình Mẫu"]
    assert page.count("data-unit-picker=") == 2  # the issuer and the owner
    response = client.post(reverse("keytasks-create"), task_data())
    assert response.status_code == 302
    task = KeyTask.objects.get()
    assert (task.unit, task.owner_unit) == (world.commune, world.village)


def test_a_task_set_for_a_unit_outside_the_scope_writes_nothing(world: World) -> None:
    client = world.client_for(world.outsider)
    response = client.post(reverse("keytasks-create"), task_data(unit="P1", owner_unit="C2"))
    assert response.status_code == 200
    assert OUTSIDE in response.content.decode()
    # a unit in the scope but not under the issuer: the service's message on the owner's box
    response = client.post(reverse("keytasks-create"), task_data(unit="C2", owner_unit="C1-V1"))
    assert OUTSIDE in response.content.decode()
    assert not KeyTask.objects.exists()


# Proposals and councils ---------------------------------------------------------------------------


def test_a_proposal_is_made_for_a_commune_picked_under_the_province(world: World) -> None:
    models = three_models(world)
    client = world.client_for(world.approver)  # approver of the province proposes for its commune
    page = client.get(reverse("proposals-create")).content.decode()
    assert options(page, "unit") == ["— Chọn —", "Tỉnh Hòa Bình Mẫu"]
    assert options(page, "to_unit") == ["— Chọn —", "Trung ương"]
    assert 'data-unit-picker="/don-vi/chon.json?above=1"' in page
    data = {
        "unit": "C1",
        "to_unit": "P1",
        "award_form": "bang_khen_chuyen_de",
        "date": "01/12/2025",
        "initiatives": [str(m.pk) for m in models],
    }
    response = client.post(reverse("proposals-create"), data)
    assert response.status_code == 302, response.content.decode()
    proposal = Proposal.objects.get()
    assert (proposal.unit, proposal.to_unit) == (world.commune, world.province)


def test_a_proposal_from_or_to_a_unit_outside_the_scope_writes_nothing(world: World) -> None:
    models = three_models(world)
    data = {
        "unit": "C1",
        "to_unit": "P1",
        "award_form": "bang_khen_chuyen_de",
        "date": "01/12/2025",
        "initiatives": [str(models[0].pk)],
    }
    outsider = world.client_for(world.outsider)
    response = outsider.post(reverse("proposals-create"), data)
    assert response.status_code == 400 and OUTSIDE in response.content.decode()
    # a unit of the scope that is not above the proposing unit: the service says so on the box
    approver = world.client_for(world.approver)
    response = approver.post(reverse("proposals-create"), {**data, "to_unit": "C1-V1"})
    assert response.status_code == 400
    assert "“Thôn Đoàn Kết” không phải là cấp trên của “Xã Đông Hòa”" in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_council_is_set_up_for_a_unit_picked_in_the_scope_only(world: World) -> None:
    data = {"unit": "C1", "name": "Hội đồng Thi đua - Khen thưởng xã", "members": "Nguyễn Văn A | Chủ tịch"}
    refused = world.client_for(world.commune_approver).post(reverse("proposals-council-create"), {**data, "unit": "P1"})
    assert refused.status_code == 400 and OUTSIDE in refused.content.decode()
    assert not Council.objects.exists()
    # the province's approver picks the commune under it
    assert world.client_for(world.approver).post(reverse("proposals-council-create"), data).status_code == 302
    assert Council.objects.get().unit == world.commune


# The library --------------------------------------------------------------------------------------


def test_the_province_filter_is_a_picker_in_vietnamese_order(world: World, client) -> None:
    from danvan.orgs.services import unit_create

    for code, name in [("90", "Tỉnh Đồng Nai"), ("91", "Tỉnh Điện Biên"), ("92", "Tỉnh Dương Xuyên")]:
        unit_create(by=world.superuser, code=code, name=name, kind="province", parent=world.root)
    page = client.get(reverse("library-index")).content.decode()
    # searched in the page itself (public, no type-ahead request), listed in dictionary order
    assert 'id="library-province" data-unit-picker="" data-unit-value="code"' in page
    listed = options(page, "province")
    assert listed[0] == "Cả nước"
    assert [n for n in listed if n.startswith("Tỉnh D") or n.startswith("Tỉnh Đ")] == [
        "Tỉnh Dương Xuyên",
        "Tỉnh Điện Biên",
        "Tỉnh Đồng Nai",
    ]


def test_a_replica_is_registered_for_a_unit_picked_in_the_scope_only(world: World) -> None:
    from tests.library_helpers import public_initiative

    original = public_initiative(world, "Hiến đất làm đường")
    url = reverse("library-replicate", args=[original.public_key])
    # the province's admin picks a village of the province (the drop-down lists the province only)
    admin = world.client_for(world.province_admin)
    assert options(admin.get(url).content.decode(), "unit") == ["Tỉnh Hòa Bình Mẫu"]
    response = admin.post(url, {"unit": world.village.pk, "title": "Hiến đất làm đường ở Đoàn Kết"})
    assert response.status_code == 302
    assert original.replicas.get().unit == world.village
    # the outsider cannot
    response = world.client_for(world.outsider).post(url, {"unit": world.village.pk, "title": "Chiếm chỗ"})
    assert response.status_code == 200 and OUTSIDE in response.content.decode()
    assert original.replicas.count() == 1


# Without JavaScript -------------------------------------------------------------------------------


def test_without_script_the_search_box_lists_any_unit_of_the_scope(world: World) -> None:
    client = world.client_for(world.approver)
    page = client.get(reverse("rounds-create")).content.decode()
    # the box and its button are in <noscript>: a browser running the script never shows them
    assert f'<noscript><span class="unit-picker-search"><input type="search" name="unit{SEARCH_SUFFIX}"' in page
    assert f'name="{SEARCH_BUTTON}" value="unit" formnovalidate>Tìm</button></span></noscript>' in page
    # given a title typed and the search for a commune without diacritics (the drop-down lists the province)
    search = {SEARCH_BUTTON: "unit", f"unit{SEARCH_SUFFIX}": "dong hoa"}
    response = client.post(reverse("rounds-create"), round_data(unit="", **search))
    # then the form comes back with the commune to choose, what was typed kept, nothing written
    assert response.status_code == 200
    page = response.content.decode()
    assert options(page, "unit") == ["— Chọn —", "Xã Đông Hòa (Tỉnh Hòa Bình Mẫu)"]
    assert "Tìm thấy 1 đơn vị tên có “dong hoa”: hãy chọn trong danh sách." in page
    assert 'value="Báo cáo quý IV năm 2026"' in page and 'value="dong hoa"' in page
    assert not ReportingRound.objects.exists()
    # a village is reached the same way
    search[f"unit{SEARCH_SUFFIX}"] = "Đoàn Kết"
    page = client.post(reverse("rounds-create"), round_data(unit="", **search)).content.decode()
    assert options(page, "unit") == ["— Chọn —", "Thôn Đoàn Kết (Xã Đông Hòa)"]
    # chosen from that list and sent with the form's own button (the search box still filled): opened
    chosen = round_data(unit="C1", confirmed="1", **{f"unit{SEARCH_SUFFIX}": "dong hoa"})
    assert client.post(reverse("rounds-create"), chosen).status_code == 302
    assert ReportingRound.objects.get().unit == world.commune


def test_without_script_the_search_stays_in_the_scope(world: World) -> None:
    client = world.client_for(world.outsider)
    search = {SEARCH_BUTTON: "owner_unit", f"owner_unit{SEARCH_SUFFIX}": "dong hoa"}
    response = client.post(reverse("keytasks-create"), task_data(unit="C2", **search))
    page = response.content.decode()
    assert "Không có đơn vị nào tên có “dong hoa” trong phạm vi của bạn." in page
    assert options(page, "owner_unit") == ["— Chọn —"]
    assert not KeyTask.objects.exists()
    # an empty search box: the button sends the form as the form's own button would (Enter in a box)
    empty = {SEARCH_BUTTON: "owner_unit", f"owner_unit{SEARCH_SUFFIX}": "  "}
    assert client.post(reverse("keytasks-create"), task_data(unit="C2", owner_unit="C2", **empty)).status_code == 302
    assert KeyTask.objects.get().owner_unit == world.other_commune


def test_without_script_many_matches_are_cut_and_said_so(world: World) -> None:
    from danvan.orgs.services import unit_create

    for n in range(1, 106):
        unit_create(by=world.superuser, code=f"C1-K{n}", name=f"Khu {n}", kind="village", parent=world.commune)
    client = world.client_for(world.approver)
    response = client.get(reverse("keytasks-list"), {SEARCH_BUTTON: "unit", f"unit{SEARCH_SUFFIX}": "khu"})
    page = response.content.decode()
    assert "Có hơn 100 đơn vị tên có “khu”: danh sách chỉ hiện 100 đơn vị đầu." in page
    listed = options(page, "unit")
    assert len(listed) == 101 and listed[1:3] == ["Khu 1 (Xã Đông Hòa)", "Khu 2 (Xã Đông Hòa)"]


@pytest.mark.parametrize("villages", [3, 105])
def test_without_script_the_search_reads_a_fixed_number_of_queries(
    world: World, villages: int, django_assert_num_queries
) -> None:
    from danvan.orgs.services import unit_create

    for n in range(1, villages + 1):
        unit_create(by=world.superuser, code=f"C1-K{n}", name=f"Khu {n}", kind="village", parent=world.commune)
    client = world.client_for(world.approver)
    client.get("/")  # the session is read once before counting
    data = round_data(unit="", **{SEARCH_BUTTON: "unit", f"unit{SEARCH_SUFFIX}": "khu"})
    # session, user, memberships, the units found, the indicator set chosen, the indicator sets listed
    with django_assert_num_queries(6):
        page = client.post(reverse("rounds-create"), data).content.decode()
    assert len(options(page, "unit")) == min(villages, 100) + 1


PICKERS = [
    ("accounts-user-create", "post", "unit"),
    ("awards-decision-create", "post", "issuer_unit"),
    ("awards-decision-list", "get", "unit"),
    ("conferences-create", "post", "host_unit"),
    ("conferences-create", "post", "scope_unit"),
    ("initiatives-create", "post", "unit"),
    ("initiatives-list", "get", "unit"),
    ("keytasks-create", "post", "unit"),
    ("keytasks-create", "post", "owner_unit"),
    ("keytasks-list", "get", "unit"),
    ("movements-programme-create", "post", "issuer"),
    ("proposals-council-create", "post", "unit"),
    ("proposals-create", "post", "to_unit"),
    ("proposals-create", "post", "unit"),
    ("reviews-queue", "get", "unit"),
    ("rounds-create", "post", "unit"),
]


def row_counts() -> dict[str, int]:
    """How many rows each of danvan's tables holds (sessions aside)."""
    return {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label != "sessions"}


@pytest.mark.parametrize(("route", "method", "field"), PICKERS)
def test_every_picker_searches_without_script_and_writes_nothing(
    world: World, route: str, method: str, field: str
) -> None:
    client = world.client_for(world.superuser)
    url = reverse(route)
    page = client.get(url).content.decode()
    assert f'name="{field}{SEARCH_SUFFIX}"' in page and f'name="{SEARCH_BUTTON}" value="{field}"' in page
    before = row_counts()
    search = {SEARCH_BUTTON: field, f"{field}{SEARCH_SUFFIX}": "doan ket"}
    response = client.post(url, search) if method == "post" else client.get(url, search)
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "Tìm thấy 1 đơn vị tên có “doan ket”: hãy chọn trong danh sách." in page
    assert any(label.startswith("Thôn Đoàn Kết") for label in options(page, field))
    assert row_counts() == before
