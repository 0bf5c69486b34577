"""Import jobs: one uploaded spreadsheet, checked and then (if asked) written, in the background."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Job


class ImportJob(Job):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        CHECKING = "checking", _("Đang kiểm tra")
        CHECKED = "checked", _("Đã kiểm tra")
        WRITING = "writing", _("Đang ghi")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Không nhập được")

    ACTIVE = ("checking", "writing")
    FINISHED = ("checked", "done", "failed")
    TASK = "danvan.imports.tasks.run_import_job"

    file = models.FileField(upload_to="imports/%Y/%m/", max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.QUEUED)
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
    # The language of the person who asked: the check's results (summary, problems, errors) are written
    # in it, whether the request runs the job or the background worker does.
    language = models.CharField(max_length=8, blank=True, editable=False)

    class Meta(Job.Meta):
        verbose_name = _("lần nhập liệu")
        verbose_name_plural = _("lần nhập liệu")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def progress_of(self, *, read: int, declared: int) -> int:
        """Reading the rows is most of the work (5–90 %); the write of the whole file comes after."""
        if not declared:
            return 5
        return min(90, 5 + int(85 * read / declared))
