import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from danvan.core.formatting import vn_number
from danvan.reports.counts import rebuild_counts


class Command(BaseCommand):
    help = "Tính lại toàn bộ số đếm thống kê từ các mô hình, điển hình (sau khi nạp dữ liệu hàng loạt)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        rows = rebuild_counts()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # fresh statistics for the planner, and a visibility map so the totals are read from the index
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE reports_statcount")
        seconds = vn_number(time.perf_counter() - started, 1)
        self.stdout.write(f"Đã tính lại số đếm thống kê: {vn_number(rows)} dòng ({seconds} giây).")
