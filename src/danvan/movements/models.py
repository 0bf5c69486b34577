"""Movements, the programmes that run them, fields (lĩnh vực) and criteria sets."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel


class InitiativeKind(models.TextChoices):
    COLLECTIVE = "collective", _("Mô hình (tập thể)")
    INDIVIDUAL = "individual", _("Điển hình (cá nhân)")


class Gender(models.TextChoices):
    """A person's gender, recorded so that women can be counted and preferred (NĐ 152/2025 Điều 4)."""

    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")


# NĐ 152/2025/NĐ-CP Điều 4: all else equal, women and collectives with at least this share of women
# are preferred.
PREFERRED_WOMEN_SHARE = 70


class Movement(BaseModel):
    """Phong trào thi đua: "Dân vận khéo" by default; others can be hosted."""

    code = models.SlugField(unique=True, max_length=50)
    name = models.CharField(_("tên phong trào"), max_length=255)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("phong trào")
        verbose_name_plural = _("phong trào")

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """Lĩnh vực: a configurable list (kinh tế; văn hóa - xã hội; quốc phòng - an ninh; ...)."""

    code = models.SlugField(primary_key=True, max_length=50)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    sort = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self) -> str:
        return self.name


class Programme(BaseModel):
    """Đề án, chỉ thị, kế hoạch that runs the movement in a scope for a period."""

    movement = models.ForeignKey(Movement, on_delete=models.PROTECT, related_name="programmes")
    number = models.CharField(_("số hiệu"), max_length=50, help_text=_("Ví dụ: 06-ĐA/TU, 20-CT/ThU, 17-KH/BDVTW"))
    title = models.CharField(_("trích yếu"), max_length=500)
    issuer = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("cơ quan ban hành")
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    class Meta:
        ordering = ["-start", "number"]
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình")

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"


class CriteriaSet(BaseModel):
    """Bộ tiêu chí for one kind of initiative; a programme may bring its own, else the default."""

    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=InitiativeKind.choices)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="criteria_sets"
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    # The pass mark comes from the unit's own rules for the movement (its plan or its review
    # regulations), not from a decree: none is shipped, an admin sets it with the document it comes from.
    pass_mark = models.DecimalField(
        _("điểm đạt"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Tổng điểm có trọng số tối thiểu để được công nhận; để trống nếu quy chế không đặt điểm đạt."),
        validators=[MinValueValidator(0)],
    )
    pass_mark_basis = models.CharField(
        _("căn cứ điểm đạt"),
        max_length=255,
        blank=True,
        help_text=_("Văn bản đặt điểm đạt, ví dụ: Quy chế bình xét số 12-QC/BCĐ."),
    )

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("bộ tiêu chí")
        verbose_name_plural = _("bộ tiêu chí")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.pass_mark is not None and not self.pass_mark_basis.strip():
            raise ValidationError(
                {"pass_mark_basis": _("Hãy ghi văn bản đặt điểm đạt (quy chế, kế hoạch), để người chấm biết căn cứ.")}
            )


class Criterion(models.Model):
    """Tiêu chí: scored from 0 to `max_score`, weighted in the total."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("tiêu chí"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True)
    weight = models.DecimalField(_("trọng số"), max_digits=5, decimal_places=2, default=Decimal("1"))
    max_score = models.PositiveSmallIntegerField(_("điểm tối đa"), default=10)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["criteria_set", "sort", "pk"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")

    def __str__(self) -> str:
        return self.name
