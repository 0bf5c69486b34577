"""Daily: remind the units of open rounds that have not sent (before and after the deadline)."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.rounds.services import reminders_send


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo (trước và sau hạn); chạy mỗi ngày (cron hoặc bộ lập lịch)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{reminders_send()}")
