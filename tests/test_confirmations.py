"""Irreversible actions ask first, saying what will happen, and nothing is written until confirmed;
the exemplary flag can be taken back through the workflow table, with its event and the statistics."""

import pytest
from django.urls import reverse

from danvan.accounts.models import User
from danvan.awards.models import DecisionStatus
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import initiative_act
from danvan.initiatives.workflow import TRANSITIONS
from danvan.reports.selectors import stats_for_scope
from tests.awards_helpers import make_decision
from tests.conftest import registered_initiative, score_sheet


def under_review(world, **overrides) -> Initiative:
    return initiative_act(by=world.officer, initiative=registered_initiative(world, **overrides), action="submit")


def recognized(world) -> Initiative:
    initiative = score_sheet(world.commune_reviewer, under_review(world))
    return initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")


def act(client, initiative, **data):
    return client.post(reverse("initiatives-act", args=[initiative.pk]), data)


def test_recognising_asks_first_and_says_what_will_happen(world) -> None:
    # given a scored initiative under review at the commune
    initiative = score_sheet(world.commune_reviewer, under_review(world))
    client = world.client_for(world.commune_reviewer)
    # when the reviewer presses "Công nhận" with a note
    response = act(client, initiative, action="recognize", note="Đạt yêu cầu", expected_status="under_review")
    # then a confirmation page says what will happen and carries the fields over; nothing is written
    page = response.content.decode()
    assert response.status_code == 200 and "Xác nhận: Công nhận" in page
    assert f"“{initiative.title}” sẽ được công nhận cấp xã" in page and "không hoàn tác được" in page
    assert "Ghi chú gửi kèm: Đạt yêu cầu" in page
    assert 'name="note" value="Đạt yêu cầu"' in page and 'name="action" value="recognize"' in page
    assert reverse("initiatives-detail", args=[initiative.pk]) in page  # the way back
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW and not initiative.events.filter(action="recognize").exists()
    # when confirmed
    response = act(client, initiative, action="recognize", note="Đạt yêu cầu", confirmed="1")
    # then it is done, and the message says what happened
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.RECOGNIZED
    body = client.get(response["Location"]).content.decode()
    assert f"“{initiative.title}” đã được công nhận cấp xã." in body
    assert "Đã ghi nhận" not in body


def test_forwarding_and_rejecting_ask_first(world) -> None:
    initiative = recognized(world)
    client = world.client_for(world.commune_reviewer)
    page = act(client, initiative, action="forward").content.decode()
    assert "Xác nhận: Đề nghị cấp trên" in page and "cấp trên liền kề" in page
    initiative.refresh_from_db()
    assert (initiative.status, initiative.review_level) == (Status.RECOGNIZED, "commune")
    assert act(client, initiative, action="forward", confirmed="1").status_code == 302
    initiative.refresh_from_db()
    assert (initiative.status, initiative.review_level) == (Status.UNDER_REVIEW, "province")
    # rejecting without a reason is refused at once (no confirmation for what cannot be done)
    other = under_review(world, title="Mô hình khác")
    response = act(client, other, action="reject", note="")
    assert response.status_code == 400 and "Xác nhận" not in response.content.decode()
    page = act(client, other, action="reject", note="Chưa đủ minh chứng").content.decode()
    assert "Xác nhận: Không công nhận" in page
    other.refresh_from_db()
    assert other.status == Status.UNDER_REVIEW


def test_a_transition_without_risk_needs_no_confirmation(world) -> None:
    initiative = registered_initiative(world)
    response = act(world.client_for(world.officer), initiative, action="submit")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW
    assert not TRANSITIONS["submit"].confirm and TRANSITIONS["recognize"].confirm


@pytest.mark.parametrize("who", ["outsider", "viewer", "officer"])
def test_no_confirmation_page_for_those_who_may_not_act(world, who) -> None:
    initiative = score_sheet(world.commune_reviewer, under_review(world))
    response = act(world.client_for(getattr(world, who)), initiative, action="recognize")
    assert response.status_code in (403, 404) and "Xác nhận" not in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW


def test_exemplary_can_be_undone_with_an_event_and_the_statistics_follow(world) -> None:
    # given an initiative recognised at the commune and marked exemplary by the commune's approver
    initiative = recognized(world)
    year = initiative.recognized_on.year
    client = world.client_for(world.commune_approver)
    assert act(client, initiative, action="mark_exemplary").status_code == 302  # reversible: no question
    initiative.refresh_from_db()
    assert initiative.exemplary
    assert stats_for_scope(unit=world.province, year_from=year, year_to=year)["exemplary"]["total"] == 1
    # the page offers the undo, no longer the marking
    body = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert 'value="unmark_exemplary"' in body and 'value="mark_exemplary"' not in body
    # when the approver takes it back
    response = act(client, initiative, action="unmark_exemplary", note="Chọn nhầm")
    # then the flag is cleared, an event is written, the statistics follow and the message says so
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert not initiative.exemplary and initiative.status == Status.RECOGNIZED
    event = initiative.events.order_by("pk").last()
    assert (event.action, event.by, event.note) == ("unmark_exemplary", world.commune_approver, "Chọn nhầm")
    assert stats_for_scope(unit=world.province, year_from=year, year_to=year)["exemplary"]["total"] == 0
    assert "không còn là mô hình tiêu biểu cấp xã" in client.get(response["Location"]).content.decode()
    body = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert 'value="mark_exemplary"' in body and 'value="unmark_exemplary"' not in body
    # the owner is told; a reviewer (not an approver) may not undo; undoing twice is refused
    assert initiative.unit.name and world.officer.notifications.filter(message__contains="không còn là").exists()
    initiative_act(by=world.commune_approver, initiative=initiative, action="mark_exemplary")
    assert act(world.client_for(world.commune_reviewer), initiative, action="unmark_exemplary").status_code == 403
    initiative_act(by=world.commune_approver, initiative=initiative, action="unmark_exemplary")
    assert act(client, initiative, action="unmark_exemplary").status_code == 409


def test_issuing_a_decision_asks_first_naming_the_recipients(world) -> None:
    decision = make_decision(world)
    client = world.client_for(world.approver)
    response = client.post(reverse("awards-decision-issue", args=[decision.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and f"Xác nhận ban hành quyết định {decision.number}" in page
    for award in decision.awards.all():
        assert award.recipient_name in page
    assert "quyết định đính chính" in page
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    # the outsider and an officer are refused before any question
    for user in (world.outsider, world.officer):
        response = world.client_for(user).post(reverse("awards-decision-issue", args=[decision.pk]))
        assert response.status_code == 404
    client.post(reverse("awards-decision-issue", args=[decision.pk]), {"confirmed": "1"})
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.ISSUED
    # an issued decision is not asked about again: the refusal says why
    response = client.post(reverse("awards-decision-issue", args=[decision.pk]), follow=True)
    assert "đã ban hành nên không sửa được" in response.content.decode()


def test_locking_an_account_asks_first(world) -> None:
    client = world.client_for(world.province_admin)
    url = reverse("accounts-user-detail", args=[world.officer.pk])
    page = client.post(url, {"active": "0"}).content.decode()
    assert "Xác nhận khóa tài khoản" in page and "không đăng nhập được nữa" in page and "thon.canbo" in page
    assert User.objects.get(pk=world.officer.pk).is_active
    response = client.post(url, {"active": "0", "confirmed": "1"}, follow=True)
    assert "Đã khóa tài khoản Đỗ Thị Hoa." in response.content.decode()
    assert not User.objects.get(pk=world.officer.pk).is_active
    # unlocking is not irreversible: no question
    response = client.post(url, {"active": "1"}, follow=True)
    assert "Đã mở khóa tài khoản Đỗ Thị Hoa." in response.content.decode()
    assert User.objects.get(pk=world.officer.pk).is_active
    # the outsider never sees the question
    assert world.client_for(world.outsider).post(url, {"active": "0"}).status_code in (403, 404)
