"""Time a national reporting round: `danvan rounds_bench` (every commune asked, 30 indicators)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench.rounds import run_round_bench
from bench.safety import ProductionRefused
from danvan.orgs.loading import ROOT_CODE
from danvan.orgs.models import Unit


class Command(BaseCommand):
    help = "Time the completeness board and the totals of a round asking every commune (a throwaway database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--keep", action="store_true", help="keep the round afterwards")

    def handle(self, *args: Any, **options: Any) -> None:
        if not Unit.objects.filter(code=ROOT_CODE).exists():
            raise CommandError("Chưa có cây đơn vị: hãy chạy `danvan load_units` trước.")
        try:
            result = run_round_bench(repeat=options["repeat"], keep=options["keep"])
        except ProductionRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{connection.vendor}: {result.units} units asked, {result.sent} sent ({result.late} late), "
            f"{result.indicators} indicators, {result.values} values"
        )
        for name, samples, queries in (
            ("completeness board", result.board, result.board_queries),
            ("totals", result.totals, result.totals_queries),
        ):
            self.stdout.write(f"{name}: {queries} queries, median {samples.median:.1f} ms, p95 {samples.p95:.1f} ms")
