"""Reporting rounds (đợt báo cáo): an upper unit asks the units under it for their report of a period,
figures of an indicator set and narrative sections, with a deadline. DHIS2's data sets, periods,
completeness and aggregation up the tree, for công tác dân vận.

Invariants:
- a round has one `Submission` row per unit asked (made when the round opens), so the completeness
  board is one grouped count and "who has not sent" one list;
- `SubmissionValue` holds only entered indicators; a derived rate is never stored: it is computed from
  the sums of its numerator and denominator (never an average of the units' rates);
- the append-only `SubmissionEvent` records every save, send, acceptance and return.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from danvan.core.models import AppendOnlyEvent, BaseModel

# The outline (đề cương) a round asks for when its unit writes none: the four parts of a review report.
# Titles are stored in Vietnamese (the documents print them so) and marked for translation: pages name a
# shipped title in the reader's language (`core.formatting.data_name`), a title a unit wrote as written.
DEFAULT_OUTLINE = [
    {"code": "results", "title": gettext_noop("Kết quả thực hiện công tác dân vận")},
    {"code": "shortcomings", "title": gettext_noop("Hạn chế, khó khăn và nguyên nhân")},
    {"code": "tasks", "title": gettext_noop("Phương hướng, nhiệm vụ thời gian tới")},
    {"code": "proposals", "title": gettext_noop("Đề xuất, kiến nghị")},
]


class IndicatorSet(BaseModel):
    """Bộ chỉ tiêu: the figures a round asks for. The default set ships as data and is editable."""

    code = models.SlugField(_("mã"), max_length=64, unique=True)
    name = models.CharField(_("tên bộ chỉ tiêu"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "code"]
        verbose_name = _("bộ chỉ tiêu")
        verbose_name_plural = _("bộ chỉ tiêu")

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """Chỉ tiêu: a number each unit enters, or a rate derived from two of them (numerator/denominator)."""

    indicator_set = models.ForeignKey(IndicatorSet, on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("mã"), max_length=64)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    unit_label = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("tử số")
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("mẫu số")
    )
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["indicator_set", "sort", "pk"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["indicator_set", "code"], name="indicator_code_in_set")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_derived(self) -> bool:
        return self.numerator_id is not None


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận báo cáo")
    CLOSED = "closed", _("Đã kết thúc")


class ReportingRound(BaseModel):
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    title = models.CharField(_("tên đợt báo cáo"), max_length=500)
    date_from = models.DateField(_("từ ngày"))
    date_to = models.DateField(_("đến ngày"))
    due = models.DateField(_("hạn gửi"))
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("bộ chỉ tiêu")
    )
    outline = models.JSONField(_("đề cương"), default=list)
    status = models.CharField(_("trạng thái"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-due", "-pk"]
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        indexes = [models.Index(fields=["unit", "-due"])]

    def __str__(self) -> str:
        return self.title

    def section_codes(self) -> list[str]:
        return [s["code"] for s in self.outline]


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", _("Chưa gửi")
    DRAFT = "draft", _("Đang soạn")
    SENT = "sent", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


# A submission counts as sent in these states (the board's "đã gửi" and the totals).
SENT_STATES = (SubmissionStatus.SENT, SubmissionStatus.ACCEPTED)


class Submission(BaseModel):
    """Báo cáo của một đơn vị trong một đợt: its figures, its sections, where it stands."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    sections = models.JSONField(_("nội dung"), default=dict, blank=True)
    as_of = models.DateField(_("số liệu tính đến ngày"), null=True, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    late = models.BooleanField(_("gửi muộn"), default=False)
    return_note = models.TextField(_("lý do trả lại"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "unit__path"]
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="submission_one_per_unit")]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.round_id} · {self.unit_id}"

    @property
    def is_sent(self) -> bool:
        return self.status in SENT_STATES


class SubmissionValue(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["submission", "indicator__sort"]
        constraints = [models.UniqueConstraint(fields=["submission", "indicator"], name="submission_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id}={self.value}"


class SubmissionEvent(AppendOnlyEvent):
    """One step of a submission (saved, sent, accepted, returned, reminded): append-only (`core.models`)."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submission", "at", "pk"]
        verbose_name = _("sự kiện báo cáo")
        verbose_name_plural = _("sự kiện báo cáo")

    def __str__(self) -> str:
        return f"{self.submission_id} {self.action}"


class Reminder(models.Model):
    """A reminder sent for a submission (before or after the deadline): sent once each."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Nhắc trước hạn")
        AFTER = "after", _("Nhắc quá hạn")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "kind"]
        constraints = [models.UniqueConstraint(fields=["submission", "kind"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.submission_id} {self.kind}"
