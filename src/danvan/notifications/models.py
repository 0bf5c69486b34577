"""In-app notifications: what needs a person's attention, or what happened to their initiative."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.notifications.wording import written


class Notification(models.Model):
    class Reason(models.TextChoices):
        TO_REVIEW = "to_review", _("Cần bình xét")
        CHANGED = "changed", _("Mô hình của đơn vị có thay đổi")
        ROUND = "round", _("Đợt báo cáo")
        TASK = "task", _("Nhiệm vụ trọng tâm")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    initiative = models.ForeignKey(
        "initiatives.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    message = models.CharField(_("nội dung"), max_length=500)  # in Vietnamese: the e-mail, older rows
    # the sentence as the catalogue has it and its values, written in the reader's language (`shown`)
    text = models.CharField(max_length=500, blank=True, default="")
    values = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return self.message

    @property
    def shown(self) -> str:
        """The message in the reader's language (`notifications.wording`); a row from before is as stored."""
        if not self.text:
            return self.message
        try:
            return written(self.text, self.values)
        except (KeyError, ValueError, TypeError):  # a catalogue changed since: the stored Vietnamese
            return self.message
