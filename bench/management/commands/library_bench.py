"""Measure the public library on a large data set: `danvan library_bench --generate 1000000`.

With --generate, the one data generator (`bench.generator`, as `danvan generate`) fills the
configured database first (a throwaway one; --flush replaces the initiatives there); then searches and
library pages are timed and p50/p95 printed.
"""

import random
import statistics
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client

from bench.generator import GeneratorError, generate
from bench.safety import ProductionRefused
from danvan.initiatives.models import Initiative
from danvan.library.search import search_public
from danvan.movements.models import Field
from danvan.orgs.models import Unit

QUERIES = [
    "dan van kheo",
    "duong",
    "hoa giai",
    "camera an ninh",
    "duong giao thong nong thon",
    "hien dat",
    "chuyen doi so",
    "nguoi cao tuoi",
    "phu nu khoi nghiep",
    "rac thai",
    "tu quan",
    "ocop",
    "nuoi ong",
    "dan van kheo duong",
    "Đường hoa",
    "hoà giải",
    "ma tuy",
    "cuu chien binh",
    "van minh",
    "thu bay van minh",
    "mai am cong doan",
    "ton giao",
    "kieu mau",
    "nuoc sach",
    "bua com",
    "duoc lieu",
    "ban sac van hoa",
    "hop tac xa",
    "giam ngheo",
    "xa",
]


class Command(BaseCommand):
    help = "Generate a large public library and time search and library pages (a throwaway database!)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--generate", type=int, default=0, help="initiatives to generate before measuring")
        parser.add_argument("--flush", action="store_true", help="with --generate: replace the initiatives there")
        parser.add_argument("--runs", type=int, default=200, help="searches to time")
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        if options["generate"]:
            started = time.perf_counter()
            try:
                generate(
                    initiatives=options["generate"], seed=options["seed"], flush=options["flush"], say=self.stdout.write
                )
            except (GeneratorError, ProductionRefused) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"generated {options['generate']:,} in {time.perf_counter() - started:.0f} s")
        self.stdout.write(f"{connection.vendor}: {Initiative.objects.count():,} initiatives")
        if options["runs"]:
            self.measure(options["runs"], rng)

    def measure(self, runs: int, rng: random.Random) -> None:
        provinces = list(Unit.objects.filter(kind_id="province", valid_to__isnull=True).values_list("code", flat=True))
        fields = list(Field.objects.values_list("code", flat=True))
        for q in QUERIES[:3]:  # warm the caches
            search_public(q=q)
        timings: list[float] = []
        slow: list[tuple[float, str]] = []
        for n in range(runs):
            q = QUERIES[n % len(QUERIES)]
            args: dict[str, Any] = {"q": q}
            if n % 3 == 1:
                args["province"] = rng.choice(provinces)
            if n % 5 == 2:
                args["field"] = rng.choice(fields)
            if n % 7 == 3:
                args["page"] = rng.randint(2, 20)
            start = time.perf_counter()
            result = search_public(**args)
            list(result.page.object_list)
            elapsed = (time.perf_counter() - start) * 1000
            timings.append(elapsed)
            slow.append((elapsed, f"{args} → {result.count:,}"))
        self.report("search_public", timings)
        for elapsed, label in sorted(slow, reverse=True)[:5]:
            self.stdout.write(f"    slow: {elapsed:.1f} ms {label}")
        client = Client(SERVER_NAME="localhost")
        pages = [
            "/thu-vien/",
            "/thu-vien/?sort=replicas",
            "/thu-vien/?exemplary=1",
            "/thu-vien/?year=2024",
            "/thu-vien/?page=50",
            "/thu-vien/?q=dan+van+kheo",
            "/thu-vien/?q=hoa+giai&sort=date",
            f"/thu-vien/?province={provinces[0]}",
            f"/thu-vien/?field={fields[0]}&sort=replicas",
        ]
        client.get(pages[0])
        page_timings: list[float] = []
        for n in range(max(runs // 2, len(pages))):
            url = pages[n % len(pages)]
            start = time.perf_counter()
            response = client.get(url)
            page_timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, url
        self.report("library page", page_timings)

    def report(self, label: str, timings: list[float]) -> None:
        ordered = sorted(timings)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        self.stdout.write(
            f"{label}: n={len(ordered)} p50={statistics.median(ordered):.1f} ms "
            f"p95={p95:.1f} ms max={ordered[-1]:.1f} ms"
        )
