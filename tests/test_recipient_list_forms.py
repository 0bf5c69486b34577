"""The proposal's and the conference's recognised models are picked from the same list as a decision's
(initiatives.picklist): searchable with or without diacritics, narrowed by year, level, field and commune;
the "Lọc danh sách" button saves nothing and ticked models stay in sight; the page's queries do not grow
with the list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conferences.models import Conference
from danvan.movements.models import Field
from danvan.proposals.models import Proposal
from tests.awards_helpers import recognized_initiative
from tests.conftest import World
from tests.test_conferences import CONFERENCE_FORM as CONFERENCE

pytestmark = pytest.mark.django_db


def _models(world: World):
    culture = Field.objects.get(code="culture_society")
    road = recognized_initiative(world, title="Đường giao thông nông thôn thôn Đoàn Kết", year=2025)
    lights = recognized_initiative(world, title="Thắp sáng đường quê", year=2024, field=culture)
    ward = recognized_initiative(world, title="Chợ văn minh Tây Sơn", year=2025, unit=world.other_commune)
    return road, lights, ward


def _box(initiative, checked: bool = False) -> str:
    return f'name="initiatives" value="{initiative.pk}"' + (" checked" if checked else "")


PROPOSAL = {
    "unit": "C1",
    "to_unit": "P1",
    "award_form": "bang_khen_chuyen_de",
    "date": "01/12/2025",
    "number": "45/TTr-UBND",
}


def test_the_proposal_list_narrows_keeps_the_ticked_and_saves_nothing(world: World) -> None:
    road, lights, ward = _models(world)
    client = world.client_for(world.commune_approver)
    page = client.get(reverse("proposals-create")).content.decode()
    # the commune's two models, each naming its commune, field, level and year; not the ward's market
    assert _box(road) in page and _box(lights) in page and _box(ward) not in page
    assert "Đang hiện 2 trong 2 mô hình đã công nhận." in page
    assert "Xã Đông Hòa · Văn hóa - xã hội · cấp xã, năm 2024" in page
    for name in ("loc-q", "loc-year", "loc-level", "loc-field", "loc-commune"):
        assert f'name="{name}"' in page
    # when the lights are ticked and the list narrowed to "duong" in 2025, typed without diacritics
    data = {**PROPOSAL, "initiatives": [str(lights.pk)], "loc-q": "duong giao", "loc-year": "2025"}
    response = client.post(reverse("proposals-create"), {**data, "loc-apply": "1"})
    page = response.content.decode()
    # then the road (matches) and the lights (ticked) are shown, nothing is saved, what was typed stays
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert _box(road) in page and _box(lights, checked=True) in page
    assert "Đang hiện 2 trong 2 mô hình đã công nhận." in page and 'value="45/TTr-UBND"' in page
    # nothing ticked: the lights (2024) drop out
    data = {**PROPOSAL, "loc-q": "duong giao", "loc-year": "2025", "loc-apply": "1"}
    page = client.post(reverse("proposals-create"), data).content.decode()
    assert _box(road) in page and _box(lights) not in page and not Proposal.objects.exists()
    # a filter on a half-filled form shows no error and saves nothing
    response = client.post(reverse("proposals-create"), {"loc-field": "culture_society", "loc-apply": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "Chưa lưu được" not in page and "errorlist" not in page
    assert _box(lights) in page and _box(road) not in page and not Proposal.objects.exists()
    # nothing matches: said so
    page = client.post(reverse("proposals-create"), {**PROPOSAL, "loc-q": "khong co", "loc-apply": "1"})
    assert "Không có mô hình nào khớp điều kiện lọc." in page.content.decode()
    # saved without the button, the ticked models are the proposal's
    response = client.post(reverse("proposals-create"), {**PROPOSAL, "initiatives": [str(road.pk), str(lights.pk)]})
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert set(proposal.items.values_list("initiative_id", flat=True)) == {road.pk, lights.pk}


def test_the_conference_list_narrows_keeps_the_ticked_and_saves_nothing(world: World) -> None:
    road, lights, ward = _models(world)
    client = world.client_for(world.approver)
    page = client.get(reverse("conferences-create")).content.decode()
    assert _box(road) in page and _box(lights) in page and _box(ward) in page
    assert "Đang hiện 3 trong 3 mô hình đã công nhận." in page
    assert '<option value="C2">Phường Tây Sơn</option>' in page
    # when the market is ticked and the list narrowed to Xã Đông Hòa's culture models
    data = {**CONFERENCE, "initiatives": [str(ward.pk)], "loc-commune": "C1", "loc-field": "culture_society"}
    response = client.post(reverse("conferences-create"), {**data, "loc-apply": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and not Conference.objects.exists()
    assert _box(lights) in page and _box(ward, checked=True) in page and _box(road) not in page
    assert "Đang hiện 2 trong 3 mô hình đã công nhận." in page and 'value="Hội trường tỉnh"' in page
    # a level no model holds (a forged choice) leaves the list whole, with no error and nothing saved
    response = client.post(reverse("conferences-create"), {**CONFERENCE, "loc-level": "province", "loc-apply": "1"})
    assert response.status_code == 200 and "Đang hiện 3 trong 3 mô hình đã công nhận." in response.content.decode()
    assert not Conference.objects.exists()
    # saved: the ticked models are the conference's
    response = client.post(reverse("conferences-create"), {**CONFERENCE, "initiatives": [str(ward.pk), str(road.pk)]})
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert set(conference.initiatives.values_list("pk", flat=True)) == {ward.pk, road.pk}
    # editing it: the ticked stay ticked and in sight when the list is narrowed to something else
    edit = reverse("conferences-edit", args=[conference.pk])
    page = client.get(edit).content.decode()
    assert _box(ward, checked=True) in page and _box(road, checked=True) in page and _box(lights) in page
    page = client.post(
        edit,
        {**CONFERENCE, "title": "Đổi tên", "initiatives": [str(ward.pk)], "loc-q": "thap sang", "loc-apply": "1"},
    ).content.decode()
    assert _box(ward, checked=True) in page and _box(lights) in page and _box(road) not in page
    conference.refresh_from_db()
    assert conference.title == "Hội nghị tổng kết năm 2025" and conference.initiatives.count() == 2


@pytest.mark.parametrize("url", ["proposals-create", "conferences-create"])
def test_the_list_reads_a_fixed_number_of_queries(world: World, url: str) -> None:
    client = world.client_for(world.approver)
    recognized_initiative(world, title="Mô hình một", year=2025)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url)).status_code == 200
    for n in range(4):
        recognized_initiative(world, title=f"Mô hình {n}", year=2024, unit=world.other_commune)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse(url)).content.decode()
    assert "Đang hiện 5 trong 5 mô hình đã công nhận." in page
    assert len(many) == len(few)


def test_the_outsider_sees_only_its_own_communes_models(world: World) -> None:
    road, lights, ward = _models(world)
    client = world.client_for(world.outsider)  # an officer of Phường Tây Sơn
    # the ward's market, not Xã Đông Hòa's models, even when the list is narrowed to Xã Đông Hòa
    page = client.post(reverse("proposals-create"), {"loc-commune": "C1", "loc-apply": "1"}).content.decode()
    assert _box(ward) in page and _box(road) not in page and _box(lights) not in page
    # a forged pick of another commune's model is refused, nothing saved
    forged = {**PROPOSAL, "unit": "C2", "initiatives": [str(road.pk)]}
    response = client.post(reverse("proposals-create"), forged)
    assert response.status_code == 400 and not Proposal.objects.exists()
    assert client.post(reverse("proposals-create"), {**forged, "initiatives": [str(ward.pk)]}).status_code == 302
    # the conference form's list: the same scope
    page = client.post(reverse("conferences-create"), {"loc-q": "duong", "loc-apply": "1"}).content.decode()
    assert _box(road) not in page and _box(lights) not in page and "Không có mô hình nào khớp điều kiện lọc." in page
    # a viewer may record no conference, filter or not
    viewer = world.client_for(world.viewer)
    assert viewer.post(reverse("conferences-create"), {**CONFERENCE, "loc-apply": "1"}).status_code == 403
    assert not Conference.objects.exists()


def test_an_older_model_beyond_the_lists_first_rows_is_found_by_its_name_and_can_be_ticked(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from danvan.initiatives import picklist

    # given a list that offers only the newest row (300 at a national scale), and an older model
    monkeypatch.setattr(picklist, "LIMIT", 1)
    road, lights, _ward = _models(world)
    client = world.client_for(world.commune_approver)
    newest = client.get(reverse("proposals-create")).content.decode()
    assert _box(road) in newest and _box(lights) not in newest
    # when its name is typed and the list narrowed, the database finds it
    found = client.post(reverse("proposals-create"), {**PROPOSAL, "loc-q": "thap sang", "loc-apply": "1"})
    assert _box(lights) in found.content.decode() and not Proposal.objects.exists()
    # and ticked, it stays offered when the form is saved, though it is not among the newest
    response = client.post(reverse("proposals-create"), {**PROPOSAL, "initiatives": [str(lights.pk)]})
    assert response.status_code == 302
    assert list(Proposal.objects.get().items.values_list("initiative_id", flat=True)) == [lights.pk]
    # a tick outside the caller's scope is never offered (the ward's market belongs to another commune)
    forged = client.post(
        reverse("proposals-create"), {**PROPOSAL, "number": "46/TTr-UBND", "initiatives": [str(_ward.pk)]}
    )
    assert forged.status_code == 400 and Proposal.objects.count() == 1
