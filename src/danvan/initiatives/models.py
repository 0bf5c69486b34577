"""Initiatives (mô hình for a collective, điển hình for an individual), their files and their
append-only event log."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent, BaseModel
from danvan.movements.models import Gender, InitiativeKind
from danvan.orgs.models import Level


class Status(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    REGISTERED = "registered", _("Đã đăng ký")
    UNDER_REVIEW = "under_review", _("Đang bình xét")
    RETURNED = "returned", _("Trả lại để bổ sung")
    RECOGNIZED = "recognized", _("Đã công nhận")
    NOT_RECOGNIZED = "not_recognized", _("Không công nhận")


def new_public_key() -> str:
    """An unguessable key for public links (the internal id never appears on public pages)."""
    return secrets.token_urlsafe(9)


class Initiative(BaseModel):
    # What it is
    title = models.CharField(_("tên mô hình, điển hình"), max_length=500)
    kind = models.CharField(_("loại"), max_length=16, choices=InitiativeKind.choices)
    # No index of their own: every read by field or unit is served by the composite indexes below
    # (measured at 1 M initiatives: 4 single-column indexes, 63 MB, that only slowed the writes).
    field = models.ForeignKey(
        "movements.Field", on_delete=models.PROTECT, verbose_name=_("lĩnh vực"), db_column="field", db_index=False
    )
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("đơn vị"), db_index=False
    )
    programme = models.ForeignKey(
        "movements.Programme", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("chương trình")
    )
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    # The day of registration (its year is `year`); empty for historical entries whose day is not known:
    # those count only in periods made of whole years.
    registered_on = models.DateField(_("ngày đăng ký"), null=True, blank=True)
    registered_level = models.CharField(_("cấp đăng ký"), max_length=16, choices=Level.choices)
    # For an individual (điển hình)
    person_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    person_position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    person_unit = models.CharField(_("đơn vị công tác"), max_length=255, blank=True)
    person_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices, blank=True)
    # For a collective: the share of women among its members, in per cent (NĐ 152/2025 Điều 4)
    women_share = models.PositiveSmallIntegerField(_("tỷ lệ nữ (%)"), null=True, blank=True)
    # The registration form
    summary = models.TextField(_("tóm tắt"), blank=True)
    problem = models.TextField(_("sự cần thiết, lý do"), blank=True)
    goals = models.TextField(_("mục tiêu, chỉ tiêu"), blank=True)
    content = models.TextField(_("nội dung, cách làm"), blank=True)
    area_served = models.TextField(_("địa bàn, đối tượng"), blank=True)
    forces = models.TextField(_("lực lượng tham gia"), blank=True)
    resources = models.TextField(_("nguồn lực"), blank=True)
    start_date = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    results = models.TextField(_("kết quả, sản phẩm"), blank=True)
    sustainability = models.TextField(_("duy trì, nhân rộng"), blank=True)
    # Where it stands
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    review_level = models.CharField(
        _("cấp đang bình xét"),
        max_length=16,
        choices=Level.choices,
        blank=True,
        help_text=_("Cấp mà mô hình đang chờ bình xét, hoặc cấp cao nhất đã công nhận."),
    )
    recognized_level = models.CharField(_("cấp công nhận"), max_length=16, choices=Level.choices, blank=True)
    recognized_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    exemplary = models.BooleanField(_("tiêu biểu"), default=False)
    replicated_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replicas",
        verbose_name=_("nhân rộng từ"),
    )
    historical = models.BooleanField(_("nhập số liệu lịch sử"), default=False)
    # unique by constraints (Meta): a unique=True text column gets a second, pattern index on PostgreSQL
    import_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    public_key = models.CharField(max_length=16, default=new_public_key, editable=False)
    search_text = models.TextField(editable=False, blank=True, help_text="folded title, people, unit, summary")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("mô hình, điển hình")
        verbose_name_plural = _("mô hình, điển hình")
        constraints = [
            models.UniqueConstraint(fields=["import_key"], name="initiative_import_key"),
            models.UniqueConstraint(fields=["public_key"], name="initiative_public_key"),
        ]
        indexes = [
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["year", "status"]),
            models.Index(fields=["recognized_on"]),
            # Asked for by bench/RESULTS.md (1,000,000 rows): lists walk the newest first and stop
            # at a page; counts of a scope and of a review queue read the index alone.
            models.Index(fields=["-year", "-id"], name="initiative_newest"),
            models.Index(fields=["unit", "status"], include=["created_by"], name="initiative_unit_status"),
            models.Index(fields=["status", "review_level", "unit"], include=["created_by"], name="initiative_queue"),
        ]

    def __str__(self) -> str:
        return self.title


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"initiatives/{instance.initiative.public_key}/{secrets.token_hex(8)}{_suffix(filename)}"


def _suffix(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower()[:8] if dot >= 0 else ""


class Attachment(BaseModel):
    """Minh chứng: a photo, PDF or Word file; the type is checked from the bytes."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Ảnh")
        PDF = "pdf", _("PDF")
        WORD = "word", _("Word")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    thumbnail = models.FileField(upload_to=attachment_path, max_length=255, blank=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField()
    caption = models.CharField(_("chú thích"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["initiative", "pk"]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


class InitiativeEvent(AppendOnlyEvent):
    """One transition of an initiative: who, when, from, to, at which level, with what note (append-only)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=32)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    level = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["initiative", "at", "pk"]
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.action} {self.at:%d/%m/%Y %H:%M}"


class InitiativeMeasure(models.Model):
    """A measured result of an initiative (kết quả định lượng): its value for one configurable measure."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="measure_values")
    measure = models.ForeignKey("measures.Measure", on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=20, decimal_places=2)

    class Meta:
        ordering = ["initiative", "measure__sort"]
        verbose_name = _("kết quả định lượng")
        verbose_name_plural = _("kết quả định lượng")
        constraints = [models.UniqueConstraint(fields=["initiative", "measure"], name="initiative_measure_unique")]

    def __str__(self) -> str:
        return f"{self.measure_id}={self.value}"
