"""Every write of the key tasks: setting one, reporting progress, flagging the overdue ones."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import User
from danvan.conferences.models import Conference
from danvan.core.actors import Actor
from danvan.core.formatting import vn_date
from danvan.initiatives.services import TransitionNotAllowed
from danvan.keytasks.access import STAFF_ROLES
from danvan.keytasks.models import KeyTask, TaskStatus, TaskUpdate
from danvan.notifications import wording
from danvan.notifications.models import Notification
from danvan.notifications.services import notify
from danvan.orgs.access import has_role
from danvan.orgs.models import Membership, Unit


def _staff(unit_ids: set[int]) -> list[User]:
    """Users holding a staff role in these units themselves."""
    return list(
        User.objects.filter(
            is_active=True, memberships__unit_id__in=unit_ids, memberships__role__in=[str(r) for r in STAFF_ROLES]
        ).distinct()
    )


@transaction.atomic
def task_create(
    *,
    by: Actor,
    unit: Unit,
    title: str,
    owner_unit: Unit,
    due: datetime.date,
    expected_result: str = "",
    conference: Conference | None = None,
) -> KeyTask:
    """Set a key task. The owner unit lies in the issuer's subtree; a conference, when named, is one the
    issuing unit held."""
    if not has_role(by, unit, STAFF_ROLES):
        raise PermissionDenied(_("Bạn không có quyền giao nhiệm vụ thay “%(name)s”.") % {"name": unit.name})
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Hãy ghi nội dung nhiệm vụ.")]
    if not owner_unit.is_within(unit.path):
        errors["owner_unit"] = [
            _("Đơn vị chủ trì phải là “%(unit)s” hoặc đơn vị cấp dưới; “%(owner)s” không thuộc.")
            % {"unit": unit.name, "owner": owner_unit.name}
        ]
    elif not owner_unit.is_active:
        errors["owner_unit"] = [_("“%(name)s” đã giải thể; hãy giao cho đơn vị kế thừa.") % {"name": owner_unit.name}]
    if conference is not None and conference.host_unit_id != unit.pk:
        errors["conference"] = [
            _("Hội nghị “%(title)s” không do “%(unit)s” tổ chức.") % {"title": conference.title, "unit": unit.name}
        ]
    if errors:
        raise ValidationError(errors)
    task = KeyTask.objects.create(
        unit=unit,
        conference=conference,
        title=title.strip(),
        owner_unit=owner_unit,
        due=due,
        expected_result=expected_result.strip(),
        created_by=by if getattr(by, "pk", None) else None,
    )
    notify(
        users=[u for u in _staff({owner_unit.pk}) if u.pk != getattr(by, "pk", None)],
        reason=Notification.Reason.TASK,
        text=gettext_lazy("%(unit)s giao nhiệm vụ “%(title)s”, hạn %(due)s."),
        values={"unit": unit.name, "title": task.title, "due": wording.day(due)},
    )
    return task


@transaction.atomic
def task_report(*, by: Actor, task: KeyTask, status: str, note: str = "", date: datetime.date | None = None) -> KeyTask:
    """The owner (or the issuer) reports progress: in progress, or done on `date` (today by default)."""
    task = KeyTask.objects.select_for_update(of=("self",)).select_related("unit", "owner_unit").get(pk=task.pk)
    if not has_role(by, task.owner_unit, STAFF_ROLES):
        raise PermissionDenied(_("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
    if task.status == TaskStatus.DONE:
        raise TransitionNotAllowed(_("Nhiệm vụ đã hoàn thành ngày %(day)s.") % {"day": vn_date(task.done_on)})
    today = timezone.localdate()
    date = date or today
    errors: dict[str, list[str]] = {}
    if status not in (TaskStatus.IN_PROGRESS, TaskStatus.DONE):
        errors["status"] = [_("Tình trạng chỉ nhận “đang thực hiện” hoặc “đã hoàn thành”.")]
    if date > today:
        errors["date"] = [_("Ngày %(day)s chưa tới; hãy ghi ngày đã diễn ra.") % {"day": vn_date(date)}]
    if errors:
        raise ValidationError(errors)
    task.status = status
    task.done_on = date if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on", "updated_at"])
    TaskUpdate.objects.create(task=task, status=status, note=note.strip(), date=date, by=by)
    if status == TaskStatus.DONE:
        late = date > task.due
        notify(
            users=[u for u in _staff({task.unit_id}) if u.pk != by.pk],
            reason=Notification.Reason.TASK,
            text=(
                gettext_lazy("%(owner)s đã hoàn thành nhiệm vụ “%(title)s” (muộn hạn %(due)s).")
                if late
                else gettext_lazy("%(owner)s đã hoàn thành nhiệm vụ “%(title)s”.")
            ),
            values={"owner": task.owner_unit.name, "title": task.title, "due": wording.day(task.due)},
        )
    return task


@transaction.atomic
def tasks_flag_overdue(*, today: datetime.date | None = None) -> int:
    """Flag each task past its deadline and not done, once: both the owner unit and the issuing unit
    are told. Returns how many were flagged. Run daily with the round reminders."""
    today = today or timezone.localdate()
    overdue = list(
        KeyTask.objects.select_for_update(of=("self",))
        .filter(due__lt=today, overdue_flagged_at__isnull=True)
        .exclude(status=TaskStatus.DONE)
        .select_related("unit", "owner_unit")
        .order_by("pk")
    )
    if not overdue:
        return 0
    KeyTask.objects.filter(pk__in=[t.pk for t in overdue]).update(overdue_flagged_at=timezone.now())
    staff: dict[int, list[User]] = {}
    for m in Membership.objects.filter(
        unit_id__in={t.unit_id for t in overdue} | {t.owner_unit_id for t in overdue},
        role__in=[str(r) for r in STAFF_ROLES],
        user__is_active=True,
    ).select_related("user"):
        staff.setdefault(m.unit_id, []).append(m.user)
    for task in overdue:
        notify(
            users=staff.get(task.unit_id, []) + staff.get(task.owner_unit_id, []),
            reason=Notification.Reason.TASK,
            text=gettext_lazy("Nhiệm vụ “%(title)s” của %(owner)s đã quá hạn %(due)s mà chưa hoàn thành."),
            values={"title": task.title, "owner": wording.unit(task.owner_unit.name), "due": wording.day(task.due)},
        )
    return len(overdue)
