"""API tokens: only a hash of each token is stored; the token itself is shown once."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import BaseModel


class ApiToken(BaseModel):
    """A bearer token acting with its user's roles and scope, nothing more."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("tiền tố"), max_length=8, editable=False, help_text=_("Để nhận ra mã, không đủ để dùng.")
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at is not None and self.expires_at > timezone.now()

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.user} · {self.prefix}…"
