from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import background, lists, reading
from bench.loadtest import prepare_plan, summarize, write_summary
from bench.safety import ProductionRefused, refuse_in_production
from bench.suite import BenchFailure, markdown_table, run_suite, write_results


class Command(BaseCommand):
    help = (
        "Đo tốc độ các trang và API trên dữ liệu hiện có (chạy `danvan generate` trước), mỗi phép đo đặt cạnh "
        "câu SQL thuần làm cùng việc; in trung vị và phân vị 95, ghi bảng vào bench/RESULTS.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="", help="Mã tỉnh để đo (mặc định: tỉnh có nhiều xã nhất).")
        parser.add_argument(
            "--only", default="", help="Chỉ đo các kịch bản có khóa bắt đầu bằng (phân cách bởi dấu phẩy)."
        )
        parser.add_argument("--repeat", type=int, default=30, help="Số lần đo mỗi trang, sau 3 lần chạy khởi động.")
        parser.add_argument("--import-rows", type=int, default=100_000, help="Số dòng của tệp nhập thử (0: bỏ qua).")
        parser.add_argument("--import-repeat", type=int, default=3, help="Số lần nhập thử.")
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.PROJECT_DIR) / "bench" / "RESULTS.md",
            help="Tệp kết quả (khối giữa hai dấu bench:start/end được thay).",
        )
        parser.add_argument("--no-write", action="store_true", help="Chỉ in kết quả, không ghi tệp.")
        parser.add_argument(
            "--read-rows",
            type=int,
            default=0,
            help="Chỉ đo việc đọc một trang tính có chừng ấy dòng: python-calamine, openpyxl, bộ đọc của việc nhập.",
        )
        parser.add_argument(
            "--lists", action="store_true", help="Đo danh sách mô hình và hàng chờ bình xét từng trang (chỉ đọc)."
        )
        parser.add_argument("--prepare-load", type=Path, help="Thử tải: ghi kế hoạch (phiên, đường dẫn) vào tệp này.")
        parser.add_argument("--load-summary", type=Path, help="Thử tải: tóm tắt kết quả locust trong thư mục này.")
        parser.add_argument("--load-settings", default="", help="Thử tải: mô tả cấu hình, ghi kèm tóm tắt.")
        parser.add_argument(
            "--start-background", type=Path, help="Thử tải: xếp hàng việc nhập 100.000 dòng và báo cáo toàn quốc."
        )
        parser.add_argument(
            "--finish-background", type=Path, help="Thử tải: chờ hai việc nền xong, ghi thời gian, dọn dữ liệu nhập."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            refuse_in_production("chạy phép đo (nó ghi rồi xóa dữ liệu đo)")
        except ProductionRefused as refused:
            raise CommandError(str(refused)) from refused
        settings.DEBUG = False  # as in production: no query log kept in memory
        if options["read_rows"]:
            size, readings = reading.compare(options["read_rows"])
            self.stdout.write(reading.table(options["read_rows"], size, readings))
            return
        if options["lists"]:
            lists.run(self.stdout.write)
            return
        if options["prepare_load"]:
            for reason in prepare_plan(options["prepare_load"]):
                self.stdout.write(f"  không có trong tải thử: {reason}")
            return
        if options["start_background"]:
            background.start(options["start_background"])
            return
        if options["finish_background"]:
            lines = background.finish(options["finish_background"])
            options["finish_background"].with_suffix(".txt").write_text("\n".join(lines) + "\n")
            self.stdout.write("\n".join(lines))
            return
        if options["load_summary"]:
            summary, passed = summarize(options["load_summary"])
            self.stdout.write(summary)
            if not options["no_write"]:
                marker = "background" if (options["load_summary"] / "background.txt").exists() else "load"
                write_summary(options["output"], summary, options["load_settings"], marker=marker)
            if not passed:
                raise CommandError("Thử tải không đạt: xem phần tóm tắt ở trên (lỗi, p95 hoặc việc nền chưa xong).")
            return
        self.stdout.write("median      p95         floor (raw SQL)   ratio  queries  scenario")
        try:
            results, machine = run_suite(
                province=options["province"] or None,
                only=[o.strip() for o in options["only"].split(",") if o.strip()],
                import_rows=options["import_rows"],
                import_repeat=options["import_repeat"],
                repeat=options["repeat"],
                say=self.stdout.write,
            )
        except BenchFailure as failure:
            raise CommandError(str(failure)) from failure
        for key, value in machine.items():
            self.stdout.write(f"{key}: {value}")
        self.stdout.write(markdown_table(results))
        if not options["no_write"]:
            note = (
                f"{options['repeat']} per page after 3 warm-up runs; report 7 after 1; "
                f"import {options['import_repeat']}"
            )
            write_results(options["output"], results, machine, note)
            self.stdout.write(f"Đã ghi {options['output']}")
