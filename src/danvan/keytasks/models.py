"""Key tasks (nhiệm vụ trọng tâm): "rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm" —
a unit (or a conference it held) sets a task with an owner unit, a deadline and the expected result;
the owner reports progress; a period's review states which were done on time, late, or not done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent, BaseModel


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Đã hoàn thành")


class KeyTask(BaseModel):
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị giao nhiệm vụ")
    )
    conference = models.ForeignKey(
        "conferences.Conference",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hội nghị giao nhiệm vụ"),
    )
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    owner_unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị chủ trì")
    )
    due = models.DateField(_("thời hạn"))
    expected_result = models.TextField(_("sản phẩm, kết quả cần đạt"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("nhiệm vụ trọng tâm")
        verbose_name_plural = _("nhiệm vụ trọng tâm")
        indexes = [models.Index(fields=["unit", "due"]), models.Index(fields=["owner_unit", "due"])]

    def __str__(self) -> str:
        return self.title


class TaskUpdate(AppendOnlyEvent):
    """A progress report on a task (append-only, `core.models`): its status, a note, the day it speaks of."""

    task = models.ForeignKey(KeyTask, on_delete=models.PROTECT, related_name="updates")
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices)
    note = models.TextField(_("kết quả, ghi chú"), blank=True)
    date = models.DateField(_("ngày"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["task", "at", "pk"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")

    def __str__(self) -> str:
        return f"{self.task_id} {self.status} {self.date}"
