import time
from typing import Any

from django.core.management.base import BaseCommand

from danvan.core.formatting import vn_number
from danvan.orgs.loading import load_units


class Command(BaseCommand):
    help = "Nạp hoặc cập nhật cây đơn vị hành chính thật (34 tỉnh, 3.321 xã; 63 tỉnh và 696 huyện cũ)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = load_units()
        elapsed = time.perf_counter() - started
        c = {k: vn_number(v) for k, v in result.counts.items()}
        self.stdout.write(
            f"Cây đơn vị: {c['current_provinces']} tỉnh/thành, {c['communes']} xã/phường/đặc khu, "
            f"{c['legacy_provinces']} tỉnh cũ, {c['legacy_districts']} huyện cũ. "
            f"Thêm mới {vn_number(result.created)}, cập nhật {vn_number(result.updated)}, "
            f"giữ nguyên {vn_number(result.unchanged)} "
            f"({vn_number(elapsed, 1)} giây)."
        )
