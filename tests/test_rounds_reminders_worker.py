"""Reminders of a reporting round through the real background path: opening the round schedules them on
the database worker (`db_worker`), before and after the deadline."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from danvan.notifications.models import Notification
from danvan.rounds.models import Reminder
from danvan.rounds.tasks import REMIND_AT
from tests.conftest import World
from tests.rounds_helpers import province_round

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1")


def test_before_the_deadline_the_worker_reminds_now_and_waits_for_the_day_after(world: World) -> None:
    # given: a round due in two days (inside the reminder window), one commune has sent
    today = timezone.localdate()
    rw = province_round(world, due=today + datetime.timedelta(days=2))
    rw.send("C1", {"dialogues": 1})
    # then: one run now, one waiting for the day after the deadline
    waiting = DBTaskResult.objects.filter(task_path="danvan.rounds.tasks.round_reminders").order_by("run_after")
    assert waiting.count() == 2
    later = waiting.first()  # the run now has no run_after (stored as the largest date)
    assert later is not None and later.run_after.year < 9999
    expected = datetime.datetime.combine(today + datetime.timedelta(days=3), REMIND_AT)
    assert timezone.localtime(later.run_after).replace(tzinfo=None) == expected
    # when: the worker processes what is due
    run_worker()
    # then: the two communes that have not sent are reminded once, before the deadline; the later run waits
    assert sorted(Reminder.objects.values_list("submission__unit__code", "kind")) == [
        ("C2", "before"),
        ("C3", "before"),
    ]
    assert Notification.objects.filter(user=rw.officers["C3"], message__contains="Sắp đến hạn").count() == 1
    assert Notification.objects.filter(user=rw.officers["C1"], message__contains="Sắp đến hạn").count() == 0
    later.refresh_from_db()
    assert later.status == "READY"
    run_worker()  # nothing more is due: no second reminder
    assert Reminder.objects.count() == 2


def test_after_the_deadline_the_worker_reminds_those_who_have_not_sent(world: World) -> None:
    # given: a round whose deadline passed two days ago (both moments are past: one run, now; with
    # yesterday's deadline the reminder after it, today at 07:00, would still wait before 07:00)
    today = timezone.localdate()
    rw = province_round(world, due=today - datetime.timedelta(days=2))
    rw.send("C2", {"dialogues": 2})
    assert DBTaskResult.objects.filter(task_path="danvan.rounds.tasks.round_reminders").count() == 1
    # when
    run_worker()
    # then
    assert sorted(Reminder.objects.values_list("submission__unit__code", "kind")) == [("C1", "after"), ("C3", "after")]
    assert Notification.objects.filter(user=rw.officers["C1"], message__contains="Đã quá hạn").count() == 1
    assert DBTaskResult.objects.get(task_path="danvan.rounds.tasks.round_reminders").status == "SUCCESSFUL"
