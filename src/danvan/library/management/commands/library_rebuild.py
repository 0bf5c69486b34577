from typing import Any

from django.core.management.base import BaseCommand

from danvan.library.services import library_rebuild


class Command(BaseCommand):
    help = "Rebuild the public library rows from the initiatives (after a bulk import)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Thư viện: {library_rebuild():,} mô hình công khai.".replace(",", "."))
