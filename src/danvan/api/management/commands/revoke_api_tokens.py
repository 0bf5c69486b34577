from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.api.services import api_tokens_of, api_tokens_revoke


class Command(BaseCommand):
    help = "Liệt kê và thu hồi mọi mã truy cập API của một người dùng (--list: chỉ liệt kê)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--list", action="store_true", dest="only_list", help="Chỉ liệt kê, không thu hồi.")

    def handle(self, *args: Any, username: str, only_list: bool, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username})
        for row in api_tokens_of(user):
            state = _("đã thu hồi") if row.revoked_at else _("còn hiệu lực") if row.is_live else _("đã hết hạn")
            expires = timezone.localtime(row.expires_at).strftime("%d/%m/%Y") if row.expires_at else "—"
            self.stdout.write(f"{row.prefix}…  {row.name or '-'}  {expires}  {state}")
        if only_list:
            return
        count = api_tokens_revoke(by=None, user=user)
        self.stdout.write(_("Đã thu hồi %(n)s mã truy cập của %(username)s.") % {"n": count, "username": username})
