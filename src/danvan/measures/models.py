"""Measures (kết quả định lượng): the numbers people quote of what a model achieved — land donated,
money mobilised, workdays, households out of poverty, people served. A configurable list, like the
fields; the values of each initiative live with the initiative (initiatives.InitiativeMeasure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.Model):
    code = models.SlugField(_("mã"), max_length=64, primary_key=True)
    name = models.CharField(_("tên"), max_length=255)
    unit_label = models.CharField(_("đơn vị tính"), max_length=32, blank=True)
    # How a sentence states it: "vận động hiến {value} {unit} đất" (see measures.sentences).
    phrase = models.CharField(
        _("cách nói trong câu"),
        max_length=255,
        blank=True,
        help_text=_("Dùng {value} cho con số, ví dụ: “vận động Nhân dân hiến {value} m² đất”."),
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("chỉ số kết quả")
        verbose_name_plural = _("chỉ số kết quả")

    def __str__(self) -> str:
        return self.name
