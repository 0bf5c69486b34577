"""Time the province's initiative list and the reviewers' queues on 100,000 initiatives.

Throwaway data in a database of its own (it flushes initiatives there):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench ALLOWED_HOSTS=testserver DEBUG=0 \
        uv run python tests/bench/bench_initiatives.py

The real unit tree is loaded; 10,000 initiatives wait in one commune's queue, 30,000 more lie in
the same province (5,000 of them at province level), and 60,000 are spread over the rest.

With BENCH_GENERATED=1 it builds nothing and times the same pages on a data set made by
`uv run danvan generate --initiatives 100000` instead, as the busiest province's approver and the
reviewer of the commune with the longest queue.
"""

import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from danvan.accounts.models import User  # noqa: E402
from danvan.core.text import fold  # noqa: E402
from danvan.initiatives.models import Initiative, InitiativeEvent  # noqa: E402
from danvan.movements.models import Field  # noqa: E402
from danvan.orgs.loading import load_units  # noqa: E402
from danvan.orgs.models import Membership, Role, Unit  # noqa: E402
from danvan.reviews.models import Review  # noqa: E402

TOTAL = int(os.environ.get("BENCH_TOTAL", "100000"))
STATUSES = ["registered", "under_review", "recognized", "returned", "not_recognized", "draft"]


def user(username: str, unit: Unit, role: str) -> User:
    person, _ = User.objects.get_or_create(username=username, defaults={"full_name": username})
    Membership.objects.get_or_create(user=person, unit=unit, role=role)
    return person


def build() -> tuple[Unit, Unit]:
    call_command("migrate", verbosity=0)
    load_units()
    province = Unit.objects.get(code="01")
    communes = list(Unit.objects.filter(parent=province, valid_to__isnull=True).order_by("code"))
    busy = communes[0]
    villages = [
        Unit.objects.get_or_create(
            code=f"{busy.code}-T{n:02d}",
            defaults={
                "name": f"Tổ dân phố {n}",
                "name_folded": f"to dan pho {n}",
                "kind_id": "village",
                "parent": busy,
                "path": f"{busy.path}{busy.code}-T{n:02d}/",
                "depth": busy.depth + 1,
                "level": busy.level,
            },
        )[0]
        for n in range(1, 21)
    ]
    others = list(Unit.objects.filter(kind_id="commune", valid_to__isnull=True).exclude(parent=province))
    Review.objects.all().delete()
    InitiativeEvent.objects.all()._raw_delete(InitiativeEvent.objects.db)
    Initiative.objects.all().delete()
    fields = list(Field.objects.all())
    rows = []
    for i in range(TOTAL):
        if i < 10_000:
            unit, status, level = villages[i % len(villages)], "under_review", "commune"
        elif i < 40_000:
            unit = communes[i % len(communes)]
            status = "under_review" if i < 15_000 else STATUSES[i % len(STATUSES)]
            level = "province" if i < 15_000 else ("commune" if status in ("under_review", "recognized") else "")
        else:
            unit = others[i % len(others)]
            status = STATUSES[i % len(STATUSES)]
            level = "commune" if status in ("under_review", "recognized") else ""
        title = f"Mô hình dân vận khéo số {i} về đường giao thông nông thôn"
        rows.append(
            Initiative(
                title=title,
                kind="collective" if i % 4 else "individual",
                field=fields[i % len(fields)],
                unit=unit,
                year=2020 + i % 7,
                registered_level="commune",
                status=status,
                review_level=level,
                recognized_level="commune" if status == "recognized" else "",
                search_text=fold(title),
                public_key=f"b{i}",
            )
        )
    Initiative.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return province, busy


PAGES = [
    ("list page 1", "/mo-hinh/"),
    ("list page 40", "/mo-hinh/?page=40"),
    ("list status+year", "/mo-hinh/?status=under_review&year=2024"),
    ("list search 'duong giao thong'", "/mo-hinh/?q=duong+giao+thong"),
    ("review queue page 1", "/binh-xet/"),
    ("review queue page 100", "/binh-xet/?page=100"),
    ("review queue not yet scored", "/binh-xet/?unscored=on"),
]


def measure(client: Client, label: str, url: str, repeat: int = 7) -> None:
    client.get(url)  # warm
    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    count = next((q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"]), "")
    with connection.cursor() as cursor:
        cursor.execute(count)
        count = cursor.fetchone()[0]
    print(
        f"{label:<48} {statistics.median(times):7.1f} ms median, {max(times):7.1f} max, "
        f"{len(queries.captured_queries)} queries, {count} rows"
    )


def generated_people() -> list[tuple[User, str]]:
    from django.db.models import Count

    province_code = (
        Initiative.objects.filter(unit__path__startswith="/VN/", unit__depth__gte=2, unit__valid_to__isnull=True)
        .values("unit__path")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["unit__path"]
        .split("/")[2]
    )
    waiting = (
        Initiative.objects.filter(
            status="under_review", review_level="commune", unit__path__startswith=f"/VN/{province_code}/"
        )
        .values("unit__path")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()["unit__path"]
        .split("/")[3]
    )
    return [
        (User.objects.get(username=f"bench-{province_code}-approver"), f"province {province_code} approver"),
        (User.objects.get(username=f"bench-{waiting}-reviewer"), f"commune {waiting} reviewer"),
    ]


def main() -> None:
    start = time.perf_counter()
    if os.environ.get("BENCH_GENERATED"):
        print(f"{connection.vendor}: {Initiative.objects.count():,} generated initiatives")
        for person, label in generated_people():
            client = Client()
            client.force_login(person)
            for name, url in PAGES:
                measure(client, f"{label}: {name}", url)
        return
    if os.environ.get("BENCH_REUSE") and Initiative.objects.count() == TOTAL:
        province = Unit.objects.get(code="01")
        busy = Unit.objects.filter(parent=province, valid_to__isnull=True).order_by("code").first()
    else:
        province, busy = build()
    print(
        f"{connection.vendor}: {Initiative.objects.count():,} initiatives built in {time.perf_counter() - start:.1f} s"
    )
    approver = user("bench.tinh", province, Role.APPROVER)
    reviewer = user("bench.xa", busy, Role.REVIEWER)
    for person, label in ((approver, "province approver"), (reviewer, "commune reviewer")):
        client = Client()
        client.force_login(person)
        for name, url in PAGES:
            measure(client, f"{label}: {name}", url)


if __name__ == "__main__":
    sys.exit(main())
