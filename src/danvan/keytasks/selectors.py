"""Reads of the key tasks: a subtree's tasks due in a period, and how they were carried out (what a
review report states: done on time, done late, not done — by name), and the next period's tasks."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.core.actors import Actor
from danvan.keytasks.models import KeyTask, TaskStatus
from danvan.orgs.access import roles_of
from danvan.orgs.models import Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors


def tasks_of(unit: Unit) -> QuerySet[KeyTask]:
    """Tasks set by, or owned by, a unit of `unit`'s subtree (dissolved units' tasks in their successor)."""
    paths = scope_paths_with_predecessors(unit)
    return KeyTask.objects.filter(paths_q(paths, "unit__path") | paths_q(paths, "owner_unit__path"))


def tasks_due(
    unit: Unit, date_from: datetime.date | None = None, date_to: datetime.date | None = None
) -> QuerySet[KeyTask]:
    tasks = tasks_of(unit)
    if date_from:
        tasks = tasks.filter(due__gte=date_from)
    if date_to:
        tasks = tasks.filter(due__lte=date_to)
    return tasks.select_related("unit", "owner_unit").order_by("due", "pk")


def is_overdue(task: KeyTask, today: datetime.date | None = None) -> bool:
    return task.status != TaskStatus.DONE and (today or timezone.localdate()) > task.due


@dataclass
class Outcome:
    """How the tasks due in a period were carried out."""

    on_time: list[KeyTask] = field(default_factory=list)
    late: list[KeyTask] = field(default_factory=list)
    not_done: list[KeyTask] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.on_time) + len(self.late) + len(self.not_done)


def task_outcome(unit: Unit, date_from: datetime.date, date_to: datetime.date) -> Outcome:
    """One query. Done on time: finished on or before its deadline; late: finished after it; not done:
    not finished (yet)."""
    outcome = Outcome()
    for task in tasks_due(unit, date_from, date_to):
        if task.status != TaskStatus.DONE or task.done_on is None:
            outcome.not_done.append(task)
        elif task.done_on <= task.due:
            outcome.on_time.append(task)
        else:
            outcome.late.append(task)
    return outcome


def next_tasks(unit: Unit, after: datetime.date) -> list[KeyTask]:
    """Tasks set by `unit` itself (or a conference it held) due after `after`: the next period's tasks."""
    return list(KeyTask.objects.filter(Q(unit=unit), due__gt=after).select_related("owner_unit").order_by("due", "pk"))


def overdue_for(user: Actor, today: datetime.date | None = None) -> list[KeyTask]:
    """Key tasks past their deadline and not done that the user's units own or set, oldest first."""
    units = {m.unit_id for m in roles_of(user)}
    if not units:
        return []
    mine = Q(owner_unit_id__in=units) | Q(unit_id__in=units)
    tasks = KeyTask.objects.filter(mine, due__lt=today or timezone.localdate())
    return list(tasks.exclude(status=TaskStatus.DONE).select_related("unit", "owner_unit").order_by("due", "pk")[:50])
