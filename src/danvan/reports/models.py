"""Pre-computed counts for the statistics, generated reports, and the document layouts (as data)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import Job
from danvan.orgs.models import PathField
from danvan.reports.periods import Period


class Metric(models.TextChoices):
    REGISTERED = "registered", _("Đăng ký")
    RECOGNIZED = "recognized", _("Được công nhận")
    EXEMPLARY = "exemplary", _("Tiêu biểu")


class StatCount(models.Model):
    """How many initiatives of the subtree at `path` fall in one cell of the statistics.

    One row per (unit subtree, year, month, metric, field, level, kind, status). Every unit of the
    tree gets rows for everything under it (a roll-up), so a scope is read from the rows of its
    own root path(s), never by scanning initiatives. Rows whose field, level, kind and status are
    all "" are the per-metric totals ("total rows"), read for the table by child unit.
    `month` is the month (1–12) of the day counted: `registered_on` for registrations, `recognized_on`
    for recognitions, the decision's date for commendations; 0 for a registration whose day is not known
    (a historical entry with only its year), which counts only in periods made of whole years.

    Kept exact by `danvan.reports.counts` (see its docstring).
    """

    path = PathField(max_length=512)
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(default=0)
    metric = models.CharField(max_length=16, choices=Metric.choices)
    field = models.CharField(max_length=50, blank=True)
    level = models.CharField(max_length=16, blank=True)
    kind = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        ordering = ["path", "year", "month", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "year", "month", "metric", "field", "level", "kind", "status"], name="statcount_cell"
            )
        ]
        indexes = [
            # The total rows alone, for the table by child unit (read from the index only on PostgreSQL).
            models.Index(
                fields=["path", "year", "month", "metric", "count"],
                condition=models.Q(field=""),
                name="statcount_total_rows",
            )
        ]
        verbose_name = _("số đếm thống kê")
        verbose_name_plural = _("số đếm thống kê")

    def __str__(self) -> str:
        return f"{self.path} {self.year}/{self.month} {self.metric} {self.field}/{self.level}/{self.kind}: {self.count}"


def report_path(instance: "Report", filename: str) -> str:
    return f"reports/{instance.created_at:%Y/%m}/{secrets.token_hex(8)}-{filename}"


class Report(Job):
    """A generated document (Word, Excel or PDF) for a scope and a period, made by a background task."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Bị lỗi")

    TASK = "danvan.reports.tasks.generate_report"

    class Format(models.TextChoices):
        DOCX = "docx", _("Word (.docx)")
        XLSX = "xlsx", _("Excel (.xlsx)")
        PDF = "pdf", _("PDF")

    class Layout(models.TextChoices):
        STATE = "state", _("Cơ quan nhà nước (Nghị định 30/2020/NĐ-CP)")
        PARTY = "party", _("Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)")

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    first_half = models.BooleanField(_("6 tháng đầu năm"), default=False)
    month_from = models.PositiveSmallIntegerField(_("từ tháng"), default=1)  # of year_from
    month_to = models.PositiveSmallIntegerField(_("đến tháng"), default=12)  # of year_to
    format = models.CharField(_("định dạng"), max_length=8, choices=Format.choices)
    layout = models.CharField(_("thể thức"), max_length=16, choices=Layout.choices, default=Layout.STATE)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=report_path, max_length=255, blank=True)
    # The id of the reporting round (`rounds`, an app above this one) whose totals and digest it includes.
    reporting_round = models.PositiveIntegerField(_("đợt báo cáo"), null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.year_from}-{self.year_to} {self.format}"

    @property
    def period(self) -> Period:
        if self.first_half:
            return Period(self.year_from, self.year_to, True)
        return Period(self.year_from, self.year_to, month_from=self.month_from, month_to=self.month_to)

    @property
    def period_label(self) -> str:
        return self.period.label()

    @property
    def filename(self) -> str:
        period = self.period
        span = f"{period.year_from}-6thang" if period.first_half else period.slug()
        return f"bao-cao-dan-van-kheo-{span}.{self.format}"


class StatsVersion(models.Model):
    """One row whose number grows with every change of the counts (and of the units and fields they
    are shown with). What is computed from the counts (a dashboard's figures) is cached under this
    number: read in the same transaction as the rows it goes with, it can never pair old figures
    with a new number. Every write of the counts already updates the same national rows, so this
    row adds no new wait between writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản số liệu thống kê")
        verbose_name_plural = _("phiên bản số liệu thống kê")

    def __str__(self) -> str:
        return str(self.number)


class ReportText(models.Model):
    """What the unit writes itself for its report of a period, before the document is made: the general
    evaluation, the direction and tasks ahead, the proposals (sections II–IV)."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị"))
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    month_from = models.PositiveSmallIntegerField(_("từ tháng"), default=1)
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    month_to = models.PositiveSmallIntegerField(_("đến tháng"), default=12)
    evaluation = models.TextField(_("đánh giá chung"), blank=True)
    direction = models.TextField(_("phương hướng, nhiệm vụ thời gian tới"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nội dung báo cáo do đơn vị viết")
        verbose_name_plural = _("nội dung báo cáo do đơn vị viết")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year_from", "month_from", "year_to", "month_to"], name="reporttext_unit_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period.label()}"

    @property
    def period(self) -> Period:
        return Period(self.year_from, self.year_to, month_from=self.month_from, month_to=self.month_to)
