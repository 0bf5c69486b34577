import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.generator import GeneratorError, generate
from bench.safety import ProductionRefused
from danvan.core.formatting import vn_number


class Command(BaseCommand):
    help = (
        "Tạo bộ dữ liệu toàn quốc giống thật trên cây đơn vị thật (thôn, cơ quan, người dùng, mô hình, "
        "sự kiện, ...), cố định theo --seed. Ví dụ: danvan generate --initiatives 1000000 --seed 1"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--initiatives", type=int, default=1_000_000, help="Số mô hình, điển hình (mặc định 1.000.000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống: cùng hạt giống cho cùng dữ liệu.")
        parser.add_argument(
            "--villages", type=int, default=21, help="Số thôn, tổ dân phố trung bình mỗi xã (mặc định 21)."
        )
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Xóa mọi mô hình đang có (và dữ liệu tham chiếu tới chúng) trước khi tạo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["initiatives"] < 0 or options["villages"] < 1:
            raise CommandError("--initiatives phải ≥ 0 và --villages phải ≥ 1.")
        started = time.perf_counter()
        try:
            summary = generate(
                initiatives=options["initiatives"],
                seed=options["seed"],
                villages=options["villages"],
                flush=options["flush"],
                say=self.stdout.write,
            )
        except (GeneratorError, ProductionRefused) as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Đã tạo {vn_number(summary.initiatives)} mô hình, điển hình, {vn_number(summary.events)} sự kiện, "
            f"{vn_number(summary.reviews)} phiếu chấm, {vn_number(summary.public)} mô hình công khai, "
            f"{vn_number(summary.decisions)} quyết định với "
            f"{vn_number(summary.awards)} khen thưởng; "
            f"thêm {vn_number(summary.units_created)} đơn vị, {vn_number(summary.users_created)} người dùng "
            f"trong {vn_number(elapsed, 1)} giây."
        )
        for status, count in sorted(summary.by_status.items()):
            self.stdout.write(f"  {status:<16}{vn_number(count):>12}")
        for step, seconds in summary.seconds.items():
            self.stdout.write(f"  {step:<28}{vn_number(seconds, 1):>8} giây")
        for line in summary.extras:
            self.stdout.write(f"  {line}")
