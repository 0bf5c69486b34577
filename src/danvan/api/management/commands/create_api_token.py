import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.accounts import twofactor
from danvan.accounts.models import User
from danvan.api.services import api_token_create


class Command(BaseCommand):
    help = "Tạo mã truy cập API mới cho một người dùng và in mã ra (một dòng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã.")
        parser.add_argument("--otp", default=None, help="Mã xác thực hai bước, nếu tài khoản đã bật (hỏi nếu thiếu).")

    def handle(self, *args: Any, username: str, name: str, otp: str | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                _(
                    "Không có người dùng “%(username)s”. Hãy kiểm tra tên đăng nhập "
                    "(tạo người dùng trong trang Người dùng, hoặc uv run danvan createsuperuser)."
                )
                % {"username": username}
            )
        if not user.is_active:
            raise CommandError(_("Người dùng “%(username)s” đã bị khóa.") % {"username": username})
        if otp is None and twofactor.confirmed_device(user) is not None and sys.stdin.isatty():
            otp = input(_("Mã xác thực hai bước: "))
        try:
            _row, token = api_token_create(user=user, name=name, otp=otp)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(token)
