"""Reviews: one reviewer's scores of one initiative at one level, against a criteria set."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.formatting import vn_number
from danvan.core.models import BaseModel
from danvan.orgs.models import Level


def score_text(value: Decimal | int) -> str:
    """A score the Vietnamese way, exact and without trailing zeros: 8,5 · 10 · 7,25."""
    exact = Decimal(value).normalize()
    return vn_number(exact, max(0, -int(exact.as_tuple().exponent)))


class Review(BaseModel):
    """Phiếu chấm điểm: scores per criterion and a comment. One per initiative, level and reviewer;
    a reviewer who scores again updates their own sheet."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    criteria_set = models.ForeignKey("movements.CriteriaSet", on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("nhận xét"), blank=True)
    total = models.DecimalField(_("tổng điểm có trọng số"), max_digits=8, decimal_places=2, default=Decimal(0))
    max_total = models.DecimalField(_("tổng điểm tối đa"), max_digits=8, decimal_places=2, default=Decimal(0))

    class Meta:
        ordering = ["initiative", "level", "pk"]
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "level", "reviewer"], name="review_one_per_reviewer_level")
        ]
        indexes = [models.Index(fields=["reviewer", "level"])]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.level} · {self.reviewer_id}"

    @property
    def total_text(self) -> str:
        return score_text(self.total)

    @property
    def max_total_text(self) -> str:
        return score_text(self.max_total)

    @property
    def percent(self) -> Decimal:
        return (self.total * 100 / self.max_total).quantize(Decimal("0.1")) if self.max_total else Decimal(0)


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("movements.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["review", "criterion__sort", "pk"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="review_score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"

    @property
    def score_text(self) -> str:
        return score_text(self.score)
