from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.site.backup import RestoreError, restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống (tự chạy migrate trước)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp sao lưu .zip do lệnh backup tạo ra")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = restore(Path(options["file"]))
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        cache.clear()  # figures cached from the database that was there before
        self.stdout.write(f"Đã khôi phục {result.objects} bản ghi và {result.files} tệp.")
        self.stdout.write(
            f"Đã tính lại {result.rebuilt['reports.statcount']} dòng số liệu thống kê và "
            f"{result.rebuilt['library.publicentry']} mô hình của thư viện công khai."
        )
        self.stdout.write(
            "Mật khẩu, mã truy cập API và xác thực hai bước không có trong bản sao lưu: "
            "đặt lại mật khẩu bằng uv run danvan changepassword <tên đăng nhập>."
        )
