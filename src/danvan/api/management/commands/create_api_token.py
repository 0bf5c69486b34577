from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.api.services import api_token_create


class Command(BaseCommand):
    help = "Tạo mã truy cập API mới cho một người dùng và in mã ra (một dòng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="Tên gợi nhớ của mã.")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
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
        _row, token = api_token_create(user=user, name=name)
        self.stdout.write(token)
