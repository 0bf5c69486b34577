"""Import jobs: one uploaded spreadsheet, checked and then (if asked) written, in the background."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel


class ImportJob(BaseModel):
    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra")
        WRITING = "writing", _("Đang ghi")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Không nhập được")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    state = models.CharField(_("tình trạng"), max_length=16, choices=State.choices, default=State.QUEUED)
    write = models.BooleanField(_("ghi vào cơ sở dữ liệu"), default=False)
    valid_only = models.BooleanField(_("chỉ nhập các dòng hợp lệ"), default=False)
    rows_declared = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    bad_rows = models.PositiveIntegerField(default=0)
    skipped_rows = models.PositiveIntegerField(default=0)
    created_rows = models.PositiveIntegerField(default=0)
    problem_count = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lần nhập liệu")
        verbose_name_plural = _("lần nhập liệu")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.CHECKED, self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.finished:
            return 100
        if self.state == self.State.WRITING:
            return 95
        if not self.rows_declared:
            return 5
        return min(90, int(90 * self.rows_read / self.rows_declared))
