from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from danvan.core.models import AppendOnlyEvent


@deconstructible
class UsernameValidator(ASCIIUsernameValidator):
    """Django's username rule in ASCII: letters without marks, digits and @ . + - _ only. No space,
    no "/", no markup, no look-alike letters of another alphabet, no direction marks or emoji."""

    message = _(
        "Tên đăng nhập chỉ gồm chữ cái không dấu (a-z, A-Z), chữ số và các ký tự @ . + - _; "
        "không có dấu cách hay ký tự khác. Ví dụ: xa.canbo2."
    )


class Users(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        """No stored name holds a NUL byte (the rule refuses it, PostgreSQL cannot store it), so such a
        name is looked up nowhere: a sign-in or `createsuperuser` with it fails cleanly, not with a DataError."""
        if username and "\x00" in str(username):
            raise self.model.DoesNotExist
        return super().get_by_natural_key(username)


SYSTEM_USERNAME = "he-thong"  # the user machine work acts as (`accounts.services.system_user`)


class User(AbstractUser):
    """A person who works in danvan. Roles live in `orgs.Membership`, held in units."""

    username_validator = UsernameValidator()  # type: ignore[assignment]  # the ASCII subclass
    username = models.CharField(
        _("tên đăng nhập"),
        max_length=150,
        unique=True,
        validators=[username_validator],
        error_messages={"unique": _("Tên đăng nhập này đã có người dùng.")},
    )

    objects = Users()  # type: ignore[misc]

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    language = models.CharField(
        _("ngôn ngữ"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "Ngôn ngữ của trang khi đăng nhập trên máy khác và của thư thông báo; đổi bằng nút ngôn ngữ ở đầu trang."
        ),
    )

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

    @property
    def is_system(self) -> bool:
        """The user machine work acts as: nobody reads its notifications."""
        return self.username == SYSTEM_USERNAME


class AccountEvent(AppendOnlyEvent):
    """An account locked or unlocked by an admin: who, whose (append-only)."""

    class Action(models.TextChoices):
        LOCK = "lock", _("Khóa tài khoản")
        UNLOCK = "unlock", _("Mở khóa tài khoản")

    action = models.CharField(max_length=16, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("nhật ký tài khoản")
        verbose_name_plural = _("nhật ký tài khoản")

    def __str__(self) -> str:
        return f"{self.action} {self.user_id}"
