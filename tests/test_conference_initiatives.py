"""The conference form's models commended ("Mô hình, điển hình được biểu dương"): a conference is a record of
what happened, so the models it links stay linked on an unrelated edit: those the editor sees stay offered
and ticked, even when no longer recognised (and the page says so), those they do not see are kept by the
service untouched; only a visible one unticked is unlinked. Ticks are read only among the models the editor
may link (conferences.access.initiatives_to_link); the edit page's queries do not grow with the models."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.conferences.access import initiatives_to_link
from danvan.conferences.models import Conference
from danvan.conferences.services import conference_create, conference_update
from danvan.initiatives import picklist
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_act
from tests.awards_helpers import recognized_initiative
from tests.conftest import World, registered_initiative
from tests.test_conferences import CONFERENCE_FORM as FORM
from tests.test_conferences import conference_data

pytestmark = pytest.mark.django_db

NOTE = "nay không còn ở trạng thái “đã công nhận” (hiện: đang bình xét)"


def _box(initiative: Initiative, checked: bool = False) -> str:
    return f'name="initiatives" value="{initiative.pk}"' + (" checked" if checked else "")


def _ticked(page: str) -> list[str]:
    """The models a browser would send: the boxes the page shows ticked."""
    return re.findall(r'name="initiatives" value="(\d+)" checked', page)


def _linked(conference: Conference) -> set[int]:
    return set(conference.initiatives.values_list("pk", flat=True))


def _no_longer_recognized(world: World, initiative: Initiative) -> Initiative:
    """The commune that recognised it proposes it to the province: it is under review again, no longer
    among the recognised models a form offers (its commune recognition is kept)."""
    forwarded = initiative_act(by=world.commune_approver, initiative=initiative, action="forward")
    assert forwarded.status == Status.UNDER_REVIEW
    return forwarded


def test_a_linked_model_no_longer_recognised_stays_offered_ticked_and_linked(world: World) -> None:
    # given a conference commending two models, one of which is no longer recognised since
    kept = recognized_initiative(world, title="Mô hình “Ngày thứ Bảy văn minh”")
    forwarded = recognized_initiative(world, title="Mô hình “Đường quê sáng”")
    conference = conference_create(by=world.approver, data=conference_data(world, initiatives=[kept.pk, forwarded.pk]))
    _no_longer_recognized(world, forwarded)
    client = world.client_for(world.approver)
    edit = reverse("conferences-edit", args=[conference.pk])
    # when the edit page is opened, both are offered and ticked, the page saying which is no longer recognised
    page = client.get(edit).content.decode()
    assert _box(kept, checked=True) in page and _box(forwarded, checked=True) in page
    assert page.count(NOTE) == 1 and page.index(_box(forwarded)) < page.index(NOTE)
    # and only the title is changed, the page's ticks sent back as they are
    response = client.post(edit, {**FORM, "title": "Hội nghị tổng kết (sửa tên)", "initiatives": _ticked(page)})
    # then the title changed and both links stay
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị tổng kết (sửa tên)"
    assert _linked(conference) == {kept.pk, forwarded.pk}
    # in English too
    english = world.client_for(world.approver)
    english.cookies["django_language"] = "en"
    assert "no longer in the “recognised” state (now: under review)" in english.get(edit).content.decode()
    # when it is unticked, it is unlinked, and it is no longer offered
    response = client.post(edit, {**FORM, "initiatives": [str(kept.pk)]})
    assert response.status_code == 302 and _linked(conference) == {kept.pk}
    assert _box(forwarded) not in client.get(edit).content.decode()


def test_a_model_no_longer_recognised_cannot_be_newly_ticked(world: World) -> None:
    # given a model under review again and one that was never recognised, linked to no conference
    forwarded = _no_longer_recognized(world, recognized_initiative(world, title="Mô hình “Đường quê sáng”"))
    registered = registered_initiative(world, year=2025)
    conference = conference_create(by=world.approver, data=conference_data(world))
    client = world.client_for(world.approver)
    for url in (reverse("conferences-create"), reverse("conferences-edit", args=[conference.pk])):
        page = client.get(url).content.decode()
        assert _box(forwarded) not in page and _box(registered) not in page
        # a forged tick is neither offered nor saved
        for forged in (forwarded, registered):
            response = client.post(url, {**FORM, "initiatives": [str(forged.pk)]})
            assert response.status_code == 200 and _box(forged) not in response.content.decode()
    assert Conference.objects.count() == 1 and _linked(conference) == set()


def test_a_linked_model_the_editor_cannot_see_stays_linked_and_a_seen_one_can_be_unticked(world: World) -> None:
    # given a commune's conference the province linked to a model of another ward (outside the commune's
    # sight) and to one of the commune's, and another of the ward no longer recognised
    ward = recognized_initiative(world, unit=world.other_commune, title="Mô hình ở phường Tây Sơn")
    ward_forwarded = recognized_initiative(world, unit=world.other_commune, title="Mô hình cũ của phường")
    own = recognized_initiative(world, title="Mô hình “Ngày thứ Bảy văn minh”")
    conference = conference_create(
        by=world.approver,
        data=conference_data(world, host_unit=world.commune, initiatives=[ward.pk, ward_forwarded.pk, own.pk]),
    )
    Initiative.objects.filter(pk=ward_forwarded.pk).update(status=Status.UNDER_REVIEW)
    client = world.client_for(world.commune_approver)
    edit = reverse("conferences-edit", args=[conference.pk])
    # when the commune opens the edit page, it is offered only its own model, ticked
    page = client.get(edit).content.decode()
    assert _box(own, checked=True) in page
    assert "phường Tây Sơn" not in page and "Mô hình cũ của phường" not in page
    # and it saves a new title with its own model unticked
    response = client.post(edit, {**FORM, "host_unit": "C1", "title": "Hội nghị của xã (sửa tên)"})
    # then the ward's models stay linked, the commune's is unlinked
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.title == "Hội nghị của xã (sửa tên)"
    assert _linked(conference) == {ward.pk, ward_forwarded.pk}
    # and a forged tick of the ward's model is refused, not read
    response = client.post(edit, {**FORM, "host_unit": "C1", "initiatives": [str(ward.pk)]})
    assert response.status_code == 200 and "phường Tây Sơn" not in response.content.decode()


def test_the_service_keeps_the_linked_models_the_editor_does_not_see(world: World) -> None:
    ward = recognized_initiative(world, unit=world.other_commune, title="Mô hình ở phường Tây Sơn")
    own = recognized_initiative(world, title="Mô hình “Ngày thứ Bảy văn minh”")
    conference = conference_create(
        by=world.approver, data=conference_data(world, host_unit=world.commune, initiatives=[ward.pk, own.pk])
    )
    # the commune sets its models to none: the ward's stays
    conference_update(
        by=world.commune_approver, conference=conference, data=conference_data(world, host_unit=world.commune)
    )
    assert _linked(conference) == {ward.pk}
    # the province sees both: what it sends is what is linked
    conference_update(
        by=world.approver,
        conference=conference,
        data=conference_data(world, host_unit=world.commune, initiatives=[own.pk]),
    )
    assert _linked(conference) == {own.pk}


def test_a_linked_model_beyond_the_lists_first_rows_stays_offered_and_linked(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a list that offers only the newest model and a conference commending an older one
    monkeypatch.setattr(picklist, "LIMIT", 1)
    older = recognized_initiative(world, year=2023, title="Mô hình năm 2023")
    newest = recognized_initiative(world, title="Mô hình năm 2025")
    conference = conference_create(by=world.approver, data=conference_data(world, initiatives=[older.pk]))
    client = world.client_for(world.approver)
    edit = reverse("conferences-edit", args=[conference.pk])
    page = client.get(edit).content.decode()
    assert _box(older, checked=True) in page and _box(newest) in page
    response = client.post(edit, {**FORM, "title": "Hội nghị (sửa tên)", "initiatives": _ticked(page)})
    assert response.status_code == 302 and _linked(conference) == {older.pk}


def test_ticks_are_read_only_among_the_models_the_editor_may_link(world: World) -> None:
    own = recognized_initiative(world, title="Mô hình của xã")
    forwarded = _no_longer_recognized(world, recognized_initiative(world, title="Mô hình đang bình xét lại"))
    ward = recognized_initiative(world, unit=world.other_commune, title="Mô hình ở phường Tây Sơn")
    registered = registered_initiative(world, year=2025)
    conference = conference_create(
        by=world.approver, data=conference_data(world, host_unit=world.commune, initiatives=[own.pk, ward.pk])
    )
    Initiative.objects.filter(pk=ward.pk).update(status=Status.UNDER_REVIEW)
    conference.initiatives.add(forwarded)  # linked before it was proposed to the province
    # a new conference: the recognised models the commune sees
    assert set(initiatives_to_link(world.commune_approver)) == {own}
    # this conference: and the linked ones it sees, whatever their status; never the ward's
    assert set(initiatives_to_link(world.commune_approver, conference)) == {own, forwarded}
    assert set(initiatives_to_link(world.approver, conference)) == {own, forwarded, ward}
    # the ward's officer sees only the ward's (whether they may edit this conference is not this set's rule)
    assert set(initiatives_to_link(world.outsider, conference)) == {ward}
    assert registered not in set(initiatives_to_link(world.approver, conference))


# session, user, memberships, the conference (gate), its attendees, decisions and models (initial values);
# the decisions' years, their rows; the recognised models, the linked ones beyond them (not recognised);
# the two unit pickers (+ the host unit sent, when "Lọc danh sách" sends the form back)
@pytest.mark.parametrize("posting", [False, True])
def test_the_edit_page_reads_a_fixed_number_of_queries_whatever_the_models_linked(world: World, posting: bool) -> None:
    conference = conference_create(by=world.approver, data=conference_data(world))
    client = world.client_for(world.approver)
    edit = reverse("conferences-edit", args=[conference.pk])

    def counted(n: int) -> tuple[int, str]:
        # given n models linked, one in three no longer recognised
        while conference.initiatives.count() < n:
            k = conference.initiatives.count() + 1
            model = recognized_initiative(world, title=f"Mô hình số {k}")
            conference.initiatives.add(model)
            if k % 3 == 1:
                Initiative.objects.filter(pk=model.pk).update(status=Status.UNDER_REVIEW)
        ticked = [str(pk) for pk in conference.initiatives.values_list("pk", flat=True)]
        sent: dict[str, Any] = {**FORM, "initiatives": ticked, "loc-apply": "1"}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(edit, sent) if posting else client.get(edit)
        assert response.status_code == 200
        page = response.content.decode()
        assert sorted(_ticked(page), key=int) == sorted(ticked, key=int)
        assert page.count(NOTE) == (n + 2) // 3
        return len(queries), page

    few, _page = counted(3)
    many, _page = counted(30)
    assert many == few == (14 if posting else 13)
