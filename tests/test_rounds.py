"""Reporting rounds: opening, filling, sending, completeness, totals up the tree, bad input, queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.initiatives.services import TransitionNotAllowed
from danvan.notifications.models import Notification
from danvan.orgs.services import unit_create
from danvan.rounds import selectors
from danvan.rounds.models import IndicatorSet, Reminder, Submission, SubmissionStatus, SubmissionValue
from danvan.rounds.services import (
    IndicatorInput,
    SubmissionInput,
    indicator_set_create,
    reminders_send,
    round_open,
    submission_review,
    submission_save,
)
from tests.rounds_helpers import H1, province_round

pytestmark = pytest.mark.django_db


def test_three_communes_two_send(world) -> None:
    # given a province round asking its three communes
    rw = province_round(world)
    assert rw.round.submissions.count() == 3
    # when two of them send
    rw.send("C1", {"dialogues": 12, "mediation_cases": 10, "mediation_successful": 9, "land_m2": "1.500"})
    rw.send("C2", {"dialogues": "8", "mediation_cases": 10, "mediation_successful": 6})
    rw.send("C3", {"dialogues": 100}, send=False)  # a draft does not count
    # then the board says 2/3 sent and names the third
    board = selectors.round_board(rw.round, today=datetime.date(2026, 6, 1))
    assert (board.submitted, board.expected) == (2, 3)
    assert [r.unit_name for r in board.missing] == ["Xã Bắc Sơn"]
    # and the figures are summed, the rate computed from the sums (15/20), not averaged (90% and 60%)
    totals = selectors.round_totals(rw.round)
    assert totals["dialogues"] == 20
    assert totals["land_m2"] == 1500
    assert totals["mediation_success_rate"] == Decimal("75.0")
    assert "petition_resolution_rate" not in totals  # nothing to divide by


def test_late_submission_is_accepted_and_marked(world) -> None:
    rw = province_round(world, due=H1[0])
    submission = rw.send("C1", {"dialogues": 1})
    assert submission.status == SubmissionStatus.SENT
    assert submission.late
    board = selectors.round_board(rw.round)
    assert [r.unit_code for r in board.late] == ["C1"]
    assert board.on_time == []


def test_return_and_send_again(world) -> None:
    rw = province_round(world)
    rw.send("C1", {"dialogues": 1}, {"results": "Tổ chức 1 cuộc đối thoại."})
    with pytest.raises(ValidationError):
        submission_review(by=world.approver, submission=rw.submission("C1"), accept=False, note="  ")
    returned = submission_review(
        by=world.approver, submission=rw.submission("C1"), accept=False, note="Thiếu số liệu hòa giải"
    )
    assert returned.status == SubmissionStatus.RETURNED
    assert selectors.round_totals(rw.round) == {}
    assert Notification.objects.filter(user=rw.officers["C1"], message__contains="Thiếu số liệu hòa giải").exists()
    again = rw.send("C1", {"dialogues": 2})
    assert again.status == SubmissionStatus.SENT and again.return_note == ""
    accepted = submission_review(by=world.approver, submission=again, accept=True)
    assert accepted.status == SubmissionStatus.ACCEPTED
    with pytest.raises(TransitionNotAllowed):
        rw.send("C1", {"dialogues": 3})
    assert list(accepted.events.values_list("action", flat=True)) == ["send", "return", "send", "accept"]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"dialogues": "mười hai"}, "values.dialogues", "không phải là một số"),
        ({"dialogues": -3}, "values.dialogues", "số âm"),
        ({"dialogues": True}, "values.dialogues", "Phải là một số"),
        ({"khong_co": 1}, "values.khong_co", "không có chỉ tiêu"),
        ({"mediation_success_rate": 50}, "values.mediation_success_rate", "tính tự động"),
    ],
)
def test_bad_values_write_nothing(world, values, field, words) -> None:
    rw = province_round(world)
    rw.send("C1", {"dialogues": 5}, send=False)
    with pytest.raises(ValidationError) as exc:
        rw.send("C1", {"outreach_sessions": 4, **values})
    assert words in " ".join(exc.value.message_dict[field])
    submission = rw.submission("C1")
    assert submission.status == SubmissionStatus.DRAFT
    assert dict(SubmissionValue.objects.filter(submission=submission).values_list("indicator__code", "value")) == {
        "dialogues": Decimal(5)
    }


def test_date_outside_the_period_and_unknown_section(world) -> None:
    rw = province_round(world)
    with pytest.raises(ValidationError) as exc:
        submission_save(
            by=rw.officers["C1"],
            submission=rw.submission("C1"),
            data=SubmissionInput(values={}, sections={"loi_khac": "x"}, as_of=datetime.date(2026, 7, 15)),
            send=True,
        )
    assert "15/07/2026 nằm ngoài kỳ báo cáo (01/01/2026 - 30/06/2026)" in exc.value.message_dict["as_of"][0]
    assert "sections.loi_khac" in exc.value.message_dict
    assert rw.submission("C1").status == SubmissionStatus.PENDING


def test_someone_outside_cannot_send(world) -> None:
    rw = province_round(world)
    for user in (rw.officers["C3"], world.officer, world.viewer):  # another commune, a village below, a viewer
        with pytest.raises(PermissionDenied):
            submission_save(by=user, submission=rw.submission("C1"), data=SubmissionInput({}, {}), send=True)
    with pytest.raises(PermissionDenied):
        submission_review(by=rw.officers["C1"], submission=rw.submission("C1"), accept=True)
    assert rw.submission("C1").status == SubmissionStatus.PENDING


def test_opening_checks_its_input(world) -> None:
    dan_van = IndicatorSet.objects.get(code="dan-van")
    with pytest.raises(PermissionDenied):
        round_open(
            by=world.outsider,
            unit=world.province,
            title="X",
            date_from=H1[0],
            date_to=H1[1],
            due=H1[1],
            indicator_set=dan_van,
        )
    with pytest.raises(ValidationError) as exc:
        round_open(
            by=world.approver,
            unit=world.province,
            title=" ",
            date_from=H1[1],
            date_to=H1[0],
            due=datetime.date(2025, 1, 1),
            indicator_set=dan_van,
            units=[world.root, world.commune],
        )
    assert set(exc.value.message_dict) == {"title", "date_to", "due", "units"}
    assert "Trung ương" in exc.value.message_dict["units"][0]
    assert not Submission.objects.exists()


def test_dissolved_units_roll_into_their_successor(world) -> None:
    # given a commune dissolved into Xã Đông Hòa that still sent its report for the round
    old = unit_create(
        by=world.superuser,
        code="C0",
        name="Xã Cũ",
        kind="commune",
        parent=world.province,
        valid_to=datetime.date(2026, 3, 31),
        successor=world.commune,
    )
    officer = __import__("tests.conftest", fromlist=["make_user"]).make_user("cu.canbo", "Cán bộ cũ", (old, "officer"))
    the_round = round_open(
        by=world.approver,
        unit=world.province,
        title="Quý I",
        date_from=H1[0],
        date_to=datetime.date(2026, 3, 31),
        due=datetime.date(2026, 4, 5),
        indicator_set=IndicatorSet.objects.get(code="dan-van"),
        units=[old, world.commune],
    )
    submission_save(
        by=officer,
        submission=the_round.submissions.get(unit=old),
        data=SubmissionInput({"dialogues": 4}, {}),
        send=True,
    )
    # then Xã Đông Hòa's totals count it, Phường Tây Sơn's do not
    assert selectors.round_totals(the_round, within=world.commune)["dialogues"] == 4
    assert selectors.round_totals(the_round, within=world.other_commune) == {}


def _set_with(n: int) -> IndicatorSet:
    return indicator_set_create(
        by=__import__("danvan.accounts.models", fromlist=["User"]).User.objects.get(username="quantri"),
        code=f"bo-{n}",
        name=f"Bộ {n} chỉ tiêu",
        indicators=[IndicatorInput(code=f"i{k}", name=f"Chỉ tiêu {k}") for k in range(n)],
    )


@pytest.mark.parametrize("n", [3, 30])
def test_sending_costs_a_constant_number_of_queries(world, n) -> None:
    indicator_set = _set_with(n)
    the_round = round_open(
        by=world.approver,
        unit=world.province,
        title="Thử",
        date_from=H1[0],
        date_to=H1[1],
        due=H1[1],
        indicator_set=indicator_set,
    )
    officer = __import__("tests.conftest", fromlist=["make_user"]).make_user("c1.x", "X", (world.commune, "officer"))
    submission = the_round.submissions.get(unit=world.commune)
    values = {f"i{k}": k for k in range(n)}
    with CaptureQueriesContext(connection) as ctx:
        submission_save(by=officer, submission=submission, data=SubmissionInput(values, {"results": "Tốt"}), send=True)
    # savepoint, lock, memberships (roles), indicators, delete values, insert values, update, event,
    # the round's staff, insert notifications, release: the same for 3 and for 30 indicators
    assert len(ctx.captured_queries) == 11, "\n".join(q["sql"][:90] for q in ctx.captured_queries)


def test_indicator_set_rates_need_their_parts(world) -> None:
    with pytest.raises(ValidationError) as exc:
        indicator_set_create(
            by=world.superuser,
            code="ct20",
            name="Chỉ thị 20",
            indicators=[IndicatorInput("rate", "Tỷ lệ", "%", "a", "b"), IndicatorInput("a", "A")],
        )
    assert "indicators.0" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        indicator_set_create(by=world.approver, code="x", name="X", indicators=[IndicatorInput("a", "A")])
    made = indicator_set_create(
        by=world.province_admin,
        code="ct20",
        name="Chỉ thị 20",
        indicators=[IndicatorInput("a", "A"), IndicatorInput("b", "B"), IndicatorInput("rate", "Tỷ lệ", "%", "a", "b")],
    )
    assert [i.is_derived for i in made.indicators.all()] == [False, False, True]


def test_reminders_before_and_after_the_deadline(world) -> None:
    rw = province_round(world, due=datetime.date(2026, 6, 20))
    rw.send("C1", {"dialogues": 1})
    assert reminders_send(today=datetime.date(2026, 6, 1)) == 0  # too early
    assert reminders_send(today=datetime.date(2026, 6, 18)) == 2  # C2, C3
    assert reminders_send(today=datetime.date(2026, 6, 19)) == 0  # once
    assert reminders_send(today=datetime.date(2026, 6, 21)) == 2
    assert Reminder.objects.count() == 4
    assert Notification.objects.filter(user=rw.officers["C3"], message__contains="quá hạn").count() == 1


def test_digest_attributes_what_each_unit_wrote(world) -> None:
    rw = province_round(world)
    rw.send("C1", {}, {"results": "Đối thoại 12 cuộc với Nhân dân.", "proposals": "Hỗ trợ kinh phí."})
    rw.send("C3", {}, {"results": "Chưa sửa"}, send=False)
    digest = selectors.round_digest(rw.round)
    assert [(w.unit_name, w.code) for w in digest] == [("Xã Đông Hòa", "results"), ("Xã Đông Hòa", "proposals")]


def test_reminder_and_overdue_commands(world) -> None:
    from io import StringIO

    from django.core.management import call_command

    province_round(world, due=H1[0])  # long past: both communes and the third are reminded once
    out = StringIO()
    call_command("round_reminders", stdout=out)
    assert out.getvalue().strip() == "3"
    call_command("tasks_overdue", stdout=out)
