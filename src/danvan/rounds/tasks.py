"""Background work of the reporting rounds (Django's tasks API; the worker is `uv run danvan db_worker`).

Opening a round schedules its reminders on the worker: one run a few days before the deadline, one the
day after it (`schedule_reminders`); each run reminds the units of that round that have not sent, once
per kind. The daily command `round_reminders` does the same for every open round."""

import datetime

from django.tasks import task, task_backends
from django.utils import timezone

# The hour of the day the reminders go out (local time).
REMIND_AT = datetime.time(7, 0)


@task()
def round_reminders(round_id: int) -> int:
    from danvan.rounds.services import reminders_send

    return reminders_send(round_id=round_id)


def reminder_moments(due: datetime.date, days_before: int) -> list[datetime.datetime]:
    """When the reminders of a round due on `due` go out: `days_before` days before it, and the day after."""
    tz = timezone.get_current_timezone()
    days = [due - datetime.timedelta(days=days_before), due + datetime.timedelta(days=1)]
    return [datetime.datetime.combine(day, REMIND_AT, tzinfo=tz) for day in days]


def schedule_reminders(round_id: int, due: datetime.date, days_before: int) -> int:
    """Enqueue the round's reminder runs (after the round is committed). A moment already past runs now
    (once); a future one waits on the worker until then. Returns how many runs were enqueued."""
    now = timezone.now()
    deferrable = task_backends[round_reminders.backend].supports_defer
    enqueued, ran_now = 0, False
    for moment in reminder_moments(due, days_before):
        if moment <= now:
            if not ran_now:
                round_reminders.enqueue(round_id=round_id)
                ran_now, enqueued = True, enqueued + 1
        elif deferrable:
            round_reminders.using(run_after=moment).enqueue(round_id=round_id)
            enqueued += 1
    return enqueued
