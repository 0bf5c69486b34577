from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who works in danvan. Roles live in `orgs.Membership`, held in units."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_root(self) -> bool:
        """`orgs.access.is_root` for templates (`user.is_root`; false for an anonymous visitor)."""
        from danvan.orgs.access import is_root

        return is_root(self)
