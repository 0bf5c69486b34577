"""Time the initiative list and the review queue page by page (first, 40th, 100th, filtered) on the
data set of the one generator, as the busiest province's approver and the reviewer of the commune
with the longest queue:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench
    uv run danvan generate --initiatives 100000 --flush
    uv run danvan bench --lists

It only reads. The suite (`danvan bench`) times the first page of each; this walks deeper.
"""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.generator import bench_username
from danvan.accounts.models import User
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Role

PAGES = [
    ("list page 1", "/mo-hinh/"),
    ("list page 40", "/mo-hinh/?page=40"),
    ("list status+year", "/mo-hinh/?status=under_review&year=2024"),
    ("list search 'duong giao thong'", "/mo-hinh/?q=duong+giao+thong"),
    ("review queue page 1", "/binh-xet/"),
    ("review queue page 100", "/binh-xet/?page=100"),
    ("review queue not yet scored", "/binh-xet/?unscored=on"),
]


def measure(client: Client, label: str, url: str, say: Callable[[str], None], repeat: int = 7) -> None:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    sql = next((q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]), "")
    rows = 0
    if sql:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchone()[0]
    say(
        f"{label:<48} {statistics.median(times):7.1f} ms median, {max(times):7.1f} max, "
        f"{len(queries.captured_queries)} queries, {rows} rows"
    )


def _busiest(queryset: object, part: int) -> str:
    """The unit code at `part` of the path that holds the most of `queryset`'s initiatives."""
    top = queryset.values("unit__path").annotate(n=Count("pk")).order_by("-n").first()  # type: ignore[attr-defined]
    if top is None:
        raise RuntimeError("no initiatives: run `danvan generate` first")
    return str(top["unit__path"].split("/")[part])


def generated_people() -> list[tuple[User, str]]:
    """The busiest province's approver and the reviewer of its commune with the longest queue."""
    live = Initiative.objects.filter(unit__depth__gte=2, unit__valid_to__isnull=True)
    province = _busiest(live, 2)
    waiting = _busiest(
        live.filter(status="under_review", review_level="commune", unit__path__startswith=f"/VN/{province}/"), 3
    )
    return [
        (User.objects.get(username=bench_username(province, Role.APPROVER)), f"province {province} approver"),
        (User.objects.get(username=bench_username(waiting, Role.REVIEWER)), f"commune {waiting} reviewer"),
    ]


def run(say: Callable[[str], None]) -> None:
    say(f"{connection.vendor}: {Initiative.objects.count():,} generated initiatives")
    for person, label in generated_people():
        client = Client()
        client.force_login(person)
        for name, url in PAGES:
            measure(client, f"{label}: {name}", url, say)
