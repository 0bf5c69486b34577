from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.initiatives.workflow_doc import render_workflow_doc


def default_path() -> Path:
    return Path(settings.PROJECT_DIR) / "docs" / "workflow.md"


class Command(BaseCommand):
    help = "Viết lại docs/workflow.md từ bảng quy trình (workflow.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=None)
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra tệp có khớp bảng quy trình không.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"] or default_path()
        text = render_workflow_doc()
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} đã cũ: hãy chạy `uv run danvan workflow_doc`.")
            self.stdout.write(f"{path} khớp bảng quy trình.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Đã viết {path}.")
