from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every table carries when a row was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def _refuse_change() -> ValidationError:
    return ValidationError(_("Nhật ký là bất biến: không được sửa một sự kiện đã ghi."))


def _refuse_removal() -> ValidationError:
    return ValidationError(_("Nhật ký là bất biến: không được xóa một sự kiện đã ghi."))


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Events are written once: the ORM offers no bulk path to change or remove them."""

    def update(self, **kwargs: object) -> int:
        raise _refuse_change()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refuse_removal()


class AppendOnlyEvent(models.Model):
    """The base of every audit table: one row per thing that happened, when, with a note; written once.

    A subclass adds what happened (`action`), who did it (`by`) and to what. The application has no
    path that edits or deletes an event, one by one or in bulk.
    """

    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise _refuse_change()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refuse_removal()


class Job(BaseModel):
    """Work a person asked for and a background worker does (an import, a report): who asked, where
    it stands, how far it is, what went wrong, and the worker's sign of life.

    A running job names its worker (`worker_id`) and carries `heartbeat_at`, moved on by the worker
    every few seconds and by each progress step. When that worker is gone (see `core.jobs`) the job
    is stalled: a restarted worker queues it again (up to `MAX_ATTEMPTS` runs) or fails it, and its
    page says so and offers to try again. Each kind of job names its statuses (`Status`, of which
    `ACTIVE` are the running ones and `FINISHED` the last ones) and the task that runs it (`TASK`, a
    dotted path to a task taking the job's id).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Bị lỗi")

    ACTIVE: ClassVar[tuple[str, ...]] = ("running",)
    FINISHED: ClassVar[tuple[str, ...]] = ("done", "failed")
    TASK: ClassVar[str] = ""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người yêu cầu")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    worker_id = models.CharField(_("tiến trình nền"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def failed(self) -> bool:
        return self.status == "failed"


class Worker(models.Model):
    """A running background worker (`danvan db_worker`): where it runs and its last sign of life.

    The row is written when the worker starts, its `beat_at` moved on every few seconds, and deleted
    when it stops cleanly; a worker killed outright leaves its row behind, which is how its jobs are
    known to be orphaned (`core.jobs.live_worker_ids`)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("tiến trình nền")
        verbose_name_plural = _("tiến trình nền")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"
