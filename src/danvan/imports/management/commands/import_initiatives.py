import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.accounts.services import system_user
from danvan.imports.services import import_file


class Command(BaseCommand):
    help = (
        "Nhập mô hình, điển hình từ tệp Excel theo mẫu (docs/import-template.md). Kiểm tra mọi dòng trước; "
        "không ghi gì nếu tệp còn lỗi, trừ khi chọn --valid-only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì.")
        parser.add_argument("--valid-only", action="store_true", help="Nhập các dòng hợp lệ, bỏ qua dòng có lỗi.")
        parser.add_argument("--as", dest="username", default="", help="Nhập với quyền và phạm vi của người dùng này.")

    def handle(self, *args: Any, file: Path, dry_run: bool, valid_only: bool, username: str, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp “%(file)s”.") % {"file": file})
        by = system_user()
        if username:
            found = User.objects.filter(username=username, is_active=True).first()
            if found is None:
                raise CommandError(_("Không có người dùng “%(username)s”.") % {"username": username})
            by = found
        started = time.perf_counter()
        with file.open("rb") as source:
            outcome = import_file(by=by, source=source, write=not dry_run, valid_only=valid_only)
        check = outcome.check
        for problem in check.problems:
            self.stderr.write(str(problem))
        seconds = time.perf_counter() - started
        self.stdout.write(outcome.summary + " " + _("(%(s)s giây)") % {"s": f"{seconds:.1f}".replace(".", ",")})
        if check.file_error:
            raise CommandError(check.file_error)
        if check.problems and not (valid_only or dry_run):
            raise CommandError(
                _(
                    "Tệp còn %(n)s lỗi: chưa ghi gì. Hãy sửa rồi chạy lại, "
                    "hoặc dùng --valid-only để chỉ nhập dòng hợp lệ."
                )
                % {"n": len(check.problems)}
            )
        if check.problems and dry_run:
            raise CommandError(_("Tệp còn %(n)s lỗi (chạy thử, không ghi gì).") % {"n": len(check.problems)})
