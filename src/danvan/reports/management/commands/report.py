from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.orgs.models import Unit
from danvan.reports.models import Report
from danvan.reports.services import render_report, validate_period


class Command(BaseCommand):
    help = "Lập báo cáo kết quả phong trào “Dân vận khéo” của một đơn vị cho một kỳ (Word, Excel hoặc PDF)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ 25 hoặc VN.")
        parser.add_argument("--from", dest="year_from", required=True, type=int, help="Từ năm.")
        parser.add_argument("--to", dest="year_to", required=True, type=int, help="Đến năm.")
        parser.add_argument("--format", choices=Report.Format.values, default="docx")
        parser.add_argument("--layout", choices=Report.Layout.values, default="state")
        parser.add_argument("--first-half", action="store_true", help="Chỉ 6 tháng đầu năm (khi --from bằng --to).")
        parser.add_argument("--number", default="", help="Số văn bản, ví dụ 12 (để trống để điền sau).")
        parser.add_argument("-o", "--output", required=True, help="Tệp kết quả.")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(code=options["unit"]).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã “{options['unit']}”. Hãy kiểm tra lại mã đơn vị.")
        try:
            period = validate_period(
                year_from=options["year_from"], year_to=options["year_to"], first_half=options["first_half"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        data = render_report(
            unit=unit, period=period, format=options["format"], layout=options["layout"], number=options["number"]
        )
        Path(options["output"]).write_bytes(data)
        self.stdout.write(f"Đã ghi {options['output']} ({len(data) // 1024} KB).")
