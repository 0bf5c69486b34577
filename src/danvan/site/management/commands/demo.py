from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from danvan.site.demo import run_demo_steps


class Command(BaseCommand):
    help = "Chuẩn bị cơ sở dữ liệu, nạp cây đơn vị thật và dữ liệu mẫu, rồi chạy trang web."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Đã cập nhật cơ sở dữ liệu.")
        call_command("load_units", stdout=self.stdout)
        run_demo_steps(self.stdout.write)
        if options["no_serve"]:
            return
        self.stdout.write(f"Mở http://{options['addrport']}/ trong trình duyệt.")
        call_command("runserver", options["addrport"], use_reloader=False)
