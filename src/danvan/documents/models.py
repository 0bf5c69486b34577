"""The one layout model: an admin's changes to the shipped rules of a layout (`layouts.DEFAULTS`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Layout(models.Model):
    """Thể thức văn bản (state: Nghị định 30/2020/NĐ-CP; Party: Hướng dẫn 36-HD/VPTW).

    `rules` holds only what an admin changed: a key missing here takes the shipped default of
    `danvan.documents.layouts.DEFAULTS`, so a corrected default reaches every database.
    """

    code = models.SlugField(primary_key=True, max_length=32)
    name = models.CharField(_("tên thể thức"), max_length=255)
    rules = models.JSONField(_("quy tắc thể thức đã sửa"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thể thức văn bản")
        verbose_name_plural = _("thể thức văn bản")

    def __str__(self) -> str:
        return self.name
