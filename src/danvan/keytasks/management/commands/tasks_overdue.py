"""Daily: flag key tasks past their deadline and not done, to the owner and to the issuer."""

from typing import Any

from django.core.management.base import BaseCommand

from danvan.keytasks.services import tasks_flag_overdue


class Command(BaseCommand):
    help = "Báo nhiệm vụ trọng tâm quá hạn cho đơn vị chủ trì và đơn vị giao; chạy mỗi ngày."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{tasks_flag_overdue()}")
