from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from danvan.site.backup import backup


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu và tệp đính kèm vào một tệp zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", help="Tệp đích (mặc định ./var/backups/danvan-<thời điểm>.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        path = Path(options["output"] or settings.VAR_DIR / "backups" / f"danvan-{timezone.now():%Y%m%d-%H%M%S}.zip")
        path.parent.mkdir(parents=True, exist_ok=True)
        result = backup(path)
        self.stdout.write(f"Đã sao lưu {result.objects} bản ghi và {result.files} tệp vào {result.path}")
