"""Time the pages of an officer's day: `danvan officer_day_bench` (after `danvan demo --no-serve`)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.officer_day import PEOPLE, markdown, time_pages
from bench.results import replace_block
from bench.suite import describe_machine
from danvan.accounts.models import User


class Command(BaseCommand):
    help = "Time the pages of an officer's day signed in as the demo's people (the demo's data or a larger set)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=20)
        parser.add_argument("--output", type=Path, help="write the table into this file's officer-day block")
        parser.add_argument("--note", default="", help="a line written above the table (the load, what else ran)")

    def handle(self, *args: Any, **options: Any) -> None:
        missing = sorted(set(PEOPLE.values()) - set(User.objects.values_list("username", flat=True)))
        if missing:
            raise CommandError(
                f"Thiếu người dùng của bản thử nghiệm ({', '.join(missing)}): hãy chạy `danvan demo --no-serve`."
            )
        timed = time_pages(
            repeat=options["repeat"],
            progress=lambda t: self.stdout.write(
                f"{t.page.who:>9} {t.page.what:<20} median {t.samples.median:7.1f} ms  p95 {t.samples.p95:7.1f} ms  "
                f"{t.queries:3d} queries  {t.kilobytes:5.0f} KB  {t.status}"
            ),
        )
        if options["output"]:
            lines = [f"- **{k}**: {v}" for k, v in describe_machine().items()]
            if options["note"]:
                lines.append(f"- **note**: {options['note']}")
            lines.append(f"- **repetitions**: 3 warm-up, {options['repeat']} measured per page")
            body = "\n".join([*lines, "", markdown(timed)])
            replace_block(options["output"], "officer-day", body, title="An officer's day")
            self.stdout.write(f"written: {options['output']}")
