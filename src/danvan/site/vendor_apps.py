"""Three installed apps under names in the visitor's language (their own are English strings that no
catalogue translates), so that the admin lists every app in one language. settings.INSTALLED_APPS
names these configurations instead of the apps' defaults; nothing else changes."""

from axes.apps import AppConfig as AxesDefault
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpDefault
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesDefault):
    verbose_name = _("Khóa đăng nhập sai nhiều lần")


class TotpConfig(TotpDefault):
    verbose_name = _("Xác thực hai bước")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Việc chạy nền")  # type: ignore[assignment]  # the app declares a plain str
