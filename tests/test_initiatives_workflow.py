"""Service tests over the workflow table: every allowed and forbidden transition."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.initiatives.models import InitiativeEvent, Status
from danvan.initiatives.services import TransitionNotAllowed, initiative_act, initiative_create
from danvan.initiatives.workflow import TRANSITIONS, WORKFLOW
from danvan.notifications.models import Notification
from tests.conftest import initiative_data, registered_initiative, score_sheet


def walk_to(world, status):
    """An initiative in `status` at commune level, reached through the real services."""
    initiative = registered_initiative(world)
    if status == Status.REGISTERED:
        return initiative
    initiative = initiative_act(by=world.officer, initiative=initiative, action="submit")
    if status == Status.UNDER_REVIEW:
        return initiative
    if status == Status.RETURNED:
        return initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="Bổ sung ảnh")
    if status == Status.NOT_RECOGNIZED:
        return initiative_act(by=world.commune_reviewer, initiative=initiative, action="reject", note="Chưa đạt")
    return initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )


def test_full_chain_village_to_province(world) -> None:
    # given a registered initiative of a village
    initiative = registered_initiative(world)
    # when it goes through the commune and the province
    initiative = initiative_act(by=world.officer, initiative=initiative, action="submit")
    assert (initiative.status, initiative.review_level) == ("under_review", "commune")
    initiative = initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )
    assert (initiative.status, initiative.recognized_level) == ("recognized", "commune")
    initiative = initiative_act(by=world.commune_reviewer, initiative=initiative, action="forward")
    assert (initiative.status, initiative.review_level) == ("under_review", "province")
    # a commune reviewer cannot act at province level
    with pytest.raises(PermissionDenied):
        initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")
    initiative = initiative_act(
        by=world.approver, initiative=score_sheet(world.approver, initiative), action="recognize"
    )
    initiative = initiative_act(by=world.approver, initiative=initiative, action="mark_exemplary")
    # then
    assert (initiative.status, initiative.recognized_level, initiative.exemplary) == ("recognized", "province", True)
    transitions = InitiativeEvent.objects.filter(initiative=initiative).exclude(action__in=("score", "attach"))
    events = list(transitions.values_list("action", "from_status", "to_status", "level"))
    # each level scored before recognising
    assert list(initiative.events.filter(action="score").values_list("level", flat=True)) == ["commune", "province"]
    assert events == [
        ("register", "", "registered", "commune"),
        ("submit", "registered", "under_review", "commune"),
        ("recognize", "under_review", "recognized", "commune"),
        ("forward", "recognized", "under_review", "province"),
        ("recognize", "under_review", "recognized", "province"),
        ("mark_exemplary", "recognized", "recognized", "province"),
    ]


STATES = [Status.REGISTERED, Status.UNDER_REVIEW, Status.RETURNED, Status.RECOGNIZED, Status.NOT_RECOGNIZED]
ACTOR_FOR = {
    "register": "officer",
    "submit": "officer",
    "resubmit": "officer",
    "recognize": "commune_reviewer",
    "return": "commune_reviewer",
    "reject": "commune_reviewer",
    "forward": "commune_reviewer",
    "mark_exemplary": "commune_approver",
    "unmark_exemplary": "commune_approver",
}


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("action", [t.action for t in WORKFLOW if t.action != "register"])
def test_every_action_from_every_state(world, status, action) -> None:
    initiative = walk_to(world, status)
    actor = getattr(world, ACTOR_FOR[action])
    allowed = status in TRANSITIONS[action].sources
    if allowed and action == "unmark_exemplary":
        # offered only once marked: refused before, allowed after
        with pytest.raises(TransitionNotAllowed):
            initiative_act(by=actor, initiative=initiative, action=action)
        initiative = initiative_act(by=actor, initiative=initiative, action="mark_exemplary")
    if allowed:
        if action == "recognize":
            score_sheet(actor, initiative)  # recognition needs the level's score sheet
        after = initiative_act(by=actor, initiative=initiative, action=action, note="Ghi chú")
        assert after.events.last().action == action
    else:
        count = initiative.events.count()
        with pytest.raises(TransitionNotAllowed):
            initiative_act(by=actor, initiative=initiative, action=action, note="Ghi chú")
        assert initiative.events.count() == count


def test_register_from_draft_and_not_twice(world) -> None:
    draft = initiative_create(by=world.officer, data=initiative_data(world))
    assert draft.status == Status.DRAFT
    registered = initiative_act(by=world.officer, initiative=draft, action="register")
    assert registered.status == Status.REGISTERED
    with pytest.raises(TransitionNotAllowed):
        initiative_act(by=world.officer, initiative=registered, action="register")


@pytest.mark.parametrize("who", ["outsider", "viewer", "officer"])
def test_wrong_role_or_scope_cannot_recognize(world, who) -> None:
    initiative = walk_to(world, Status.UNDER_REVIEW)
    with pytest.raises(PermissionDenied):
        initiative_act(by=getattr(world, who), initiative=initiative, action="recognize")
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW


def test_outsider_cannot_submit_another_communes_initiative(world) -> None:
    initiative = registered_initiative(world)
    with pytest.raises(PermissionDenied):
        initiative_act(by=world.outsider, initiative=initiative, action="submit")


def test_reviewer_never_reviews_their_own_units_initiative(world) -> None:
    from danvan.orgs.models import Membership, Role

    Membership.objects.create(user=world.commune_reviewer, unit=world.village, role=Role.OFFICER)
    initiative = walk_to(world, Status.UNDER_REVIEW)
    with pytest.raises(PermissionDenied):
        initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")


def test_return_and_reject_need_a_reason(world) -> None:
    initiative = walk_to(world, Status.UNDER_REVIEW)
    with pytest.raises(ValidationError) as exc:
        initiative_act(by=world.commune_reviewer, initiative=initiative, action="return", note="  ")
    assert "lý do" in exc.value.message_dict["note"][0]


def test_province_declining_keeps_the_commune_recognition(world) -> None:
    initiative = walk_to(world, Status.RECOGNIZED)
    initiative = initiative_act(by=world.commune_reviewer, initiative=initiative, action="forward")
    initiative = initiative_act(
        by=world.approver, initiative=initiative, action="reject", note="Chưa tiêu biểu cấp tỉnh"
    )
    assert (initiative.status, initiative.recognized_level, initiative.review_level) == (
        "recognized",
        "commune",
        "commune",
    )
    # the event, the owner's notification and the approver's message name the province, which declined
    event = initiative.events.get(action="reject")
    assert event.level == "province"
    said = "không được công nhận cấp tỉnh: Chưa tiêu biểu cấp tỉnh"
    assert said in TRANSITIONS["reject"].outcome(initiative, "Chưa tiêu biểu cấp tỉnh")
    assert Notification.objects.filter(user=world.officer, message__contains=said).exists()


def test_stale_status_is_reported(world) -> None:
    initiative = walk_to(world, Status.UNDER_REVIEW)
    initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )
    with pytest.raises(TransitionNotAllowed) as exc:
        initiative_act(
            by=world.commune_approver,
            initiative=initiative,
            action="return",
            note="x",
            expected_status=Status.UNDER_REVIEW,
        )
    assert "người khác xử lý" in exc.value.message


def test_events_are_append_only(world) -> None:
    event = registered_initiative(world).events.first()
    event.note = "sửa"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
