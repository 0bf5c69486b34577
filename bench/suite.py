"""The benchmark suite: each page or endpoint beside its floor, on the same data, in one run.

Pages and endpoints are requested through Django's test `Client`, in this process, against the
real views (middleware, sessions, templates and all): what a web worker does for one request,
without the network. Each has a floor, the raw SQL that does the same counting or lookup
(`floors.py`), measured right after it. A scenario whose page or endpoint is not in the code
yet is reported as skipped with the reason, never left out silently.
"""

import datetime
import math
import os
import platform
import resource
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone

from bench import floors
from bench.generator import bench_username
from bench.results import replace_block
from bench.timing import Samples, measure
from danvan.accounts.models import User
from danvan.core.text import fold
from danvan.initiatives.models import Initiative, Status
from danvan.orgs.models import Level, Role, Unit
from danvan.orgs.selectors import paths_q, scope_paths_with_predecessors

HOST = "localhost"
# Three searches people type, each with and without diacritics.
SEARCHES = ["hiến đất làm đường", "phân loại rác thải", "tủ sách cộng đồng"]
REPORT_YEAR = 2025
STATS_YEARS = (2021, 2025)


class BenchFailure(Exception):
    """A page answered something other than 200: the run reports it instead of a time."""


@dataclass
class Scenario:
    key: str
    label: str
    target_ms: float | None
    run: Callable[[], object] | None = None
    floor: Callable[[], object] | None = None
    skip: str = ""
    warmup: int = 3
    repeat: int = 30
    count_queries: bool = True
    note: str = ""
    timed: Callable[[int], Samples] | None = None  # measures itself (the import: only the child process)
    peak_mb: Callable[[], float] | None = None


@dataclass
class Result:
    scenario: Scenario
    samples: Samples = field(default_factory=Samples)
    floor: Samples = field(default_factory=Samples)
    queries: int | None = None
    error: str = ""
    peak_mb: float | None = None

    @property
    def ratio(self) -> float:
        return self.samples.median / self.floor.median if self.floor.ms and self.samples.ms else math.nan

    @property
    def met(self) -> str:
        target = self.scenario.target_ms
        if self.error:
            return "error"
        if self.scenario.skip:
            return "skipped"
        if target is None:
            return "—"
        return "yes" if self.samples.p95 < target else f"no (+{self.samples.p95 - target:.0f} ms)"


@dataclass
class Context:
    province: Unit
    paths: list[str]
    users: dict[str, User]
    initiative: Initiative
    clients: dict[str, Client] = field(default_factory=dict)

    def client(self, who: str) -> Client:
        if who not in self.clients:
            client = Client(HTTP_HOST=HOST)
            client.force_login(self.users[who])
            self.clients[who] = client
        return self.clients[who]


def get(client: Client, url: str, **headers: str) -> Callable[[], object]:
    def run() -> object:
        response = client.get(url, headers=headers)
        if response.status_code != 200:
            raise BenchFailure(f"GET {url} → HTTP {response.status_code}")
        return response

    return run


def uncached(run: Callable[[], object]) -> Callable[[], object]:
    """The page as the first view after a write shows it: the cached figures are gone (a write
    anywhere bumps the statistics version; clearing this process's cache costs microseconds)."""

    def first_view() -> object:
        cache.clear()
        return run()

    return first_view


def _url(name: str, *args: object, query: str = "") -> str | None:
    try:
        return reverse(name, args=args) + (f"?{query}" if query else "")
    except NoReverseMatch:
        return None


def _path_exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def biggest_province() -> Unit:
    """The province with most communes: the largest scope, with the most predecessors to roll up."""
    from django.db.models import Count

    return (
        Unit.objects.filter(kind_id="province", valid_to__isnull=True)
        .annotate(n=Count("children"))
        .order_by("-n", "code")
        .first()
    ) or Unit.objects.get(code="01")


def build_context(province_code: str | None) -> Context:
    province = Unit.objects.get(code=province_code) if province_code else biggest_province()
    wanted = {
        "national_viewer": bench_username("VN", Role.VIEWER),
        "province_viewer": bench_username(province.code, Role.VIEWER),
        "province_approver": bench_username(province.code, Role.APPROVER),
        "province_reviewer": bench_username(province.code, Role.REVIEWER),
    }
    users = {key: User.objects.get(username=name) for key, name in wanted.items()}
    paths = scope_paths_with_predecessors(province)
    # A recognised initiative of the province with a full history: the page people open most.
    initiative = (
        Initiative.objects.filter(
            paths_q(paths), status=Status.RECOGNIZED, historical=False, recognized_level=Level.PROVINCE
        )
        .order_by("pk")
        .first()
    )
    if initiative is None:
        raise BenchFailure("Không có dữ liệu: hãy chạy `danvan generate` trước.")
    return Context(province=province, paths=paths, users=users, initiative=initiative)


# --- the scenarios ---------------------------------------------------------------------------


def scenarios(ctx: Context, *, import_rows: int, import_repeat: int) -> Iterator[Scenario]:
    year = timezone.localdate().year
    national_floor = floors.statistics(None, year, year)
    province_floor = floors.statistics(ctx.paths, year, year)

    national = _url("reports-dashboard", "VN")
    reason = "no dashboard view (`reports-dashboard`) in the code yet"
    province_dashboard = _url("reports-dashboard", ctx.province.code)
    dashboards = [
        ("national", "national", national, "national_viewer", national_floor, 50),
        ("province", f"province {ctx.province.code}", province_dashboard, "province_viewer", province_floor, 20),
    ]
    for key, name, url, viewer, floor, target in dashboards:
        page = get(ctx.client(viewer), url) if url else None
        yield Scenario(
            f"dashboard_{key}_first",
            f"Dashboard, {name} (this year), first view after a write",
            target,
            run=uncached(page) if page else None,
            floor=floor,
            skip="" if url else reason,
        )
        yield Scenario(
            f"dashboard_{key}",
            f"Dashboard, {name} (this year), seen again",
            target,
            run=page,
            floor=floor,
            skip="" if url else reason,
        )

    listing = _url("initiatives-list")
    yield Scenario(
        "province_list",
        f"Initiative list of province {ctx.province.code}, page 1",
        100,
        run=get(ctx.client("province_approver"), listing) if listing else None,
        floor=floors.initiative_page(ctx.paths, page_size=25),
        skip="" if listing else "no initiative list (`initiatives-list`) yet",
    )

    queue = _url("reviews-queue")
    yield Scenario(
        "review_queue",
        f"Review queue of the province {ctx.province.code} reviewer",
        100,
        run=get(ctx.client("province_reviewer"), queue) if queue else None,
        floor=floors.initiative_page(
            [ctx.province.path],
            page_size=25,
            extra="AND i.status = 'under_review' AND i.review_level = 'province'",
            order="i.updated_at, i.id",
        ),
        skip="" if queue else "no review queue (`reviews-queue`) yet",
    )

    library = _url("library-index")
    for text in SEARCHES:
        for typed in (text, fold(text)):
            yield Scenario(
                f"search:{typed}",
                f"Library search “{typed}”",
                50,
                run=get(Client(HTTP_HOST=HOST), f"{library}?q={typed}") if library else None,
                floor=floors.search(fold(typed).split(), page_size=20),
                skip="" if library else "no public library (`library-index`) yet",
            )

    detail = _url("initiatives-detail", ctx.initiative.pk)
    yield Scenario(
        "initiative_page",
        "Initiative page (signed in, with its timeline)",
        None,
        run=get(ctx.client("province_approver"), detail) if detail else None,
        floor=floors.initiative(ctx.initiative.pk),
        skip="" if detail else "no initiative page yet",
    )
    public = _url("library-detail", ctx.initiative.public_key)
    yield Scenario(
        "public_initiative_page",
        "Initiative page in the public library",
        None,
        run=get(Client(HTTP_HOST=HOST), public) if public else None,
        floor=floors.initiative(ctx.initiative.pk),
        skip="" if public else "no public initiative page (`library-detail`) yet",
    )

    stats_path = "/api/v1/stats"
    stats_ready = _path_exists(stats_path)
    yield Scenario(
        "stats_api",
        f"Stats API, province {ctx.province.code}, {STATS_YEARS[0]}–{STATS_YEARS[1]}",
        50,
        run=_stats_call(ctx, stats_path) if stats_ready else None,
        floor=floors.statistics(ctx.paths, *STATS_YEARS),
        skip="" if stats_ready else "no `GET /api/v1/stats` endpoint yet",
    )

    report = _report_call(ctx)
    yield Scenario(
        "word_report",
        f"Yearly Word report of province {ctx.province.code} ({REPORT_YEAR})",
        2000,
        run=report,
        floor=floors.statistics(ctx.paths, REPORT_YEAR, REPORT_YEAR),
        skip="" if report else "no report renderer (`reports.services.render_report`) yet",
        warmup=1,
        repeat=7,
    )

    yield _import_scenario(ctx, rows=import_rows, repeat=import_repeat)


def _stats_call(ctx: Context, path: str) -> Callable[[], object]:
    from danvan.api.services import api_token_create

    _token, secret = api_token_create(user=ctx.users["province_viewer"], name="bench")
    query = f"unit={ctx.province.code}&year_from={STATS_YEARS[0]}&year_to={STATS_YEARS[1]}"
    return get(Client(HTTP_HOST=HOST), f"{path}?{query}", authorization=f"Bearer {secret}")


def _report_call(ctx: Context) -> Callable[[], object] | None:
    try:
        from danvan.reports.periods import Period
        from danvan.reports.services import render_report
    except ImportError:
        return None

    def run() -> object:
        data = render_report(unit=ctx.province, period=Period(REPORT_YEAR, REPORT_YEAR), format="docx", layout="state")
        if not data.startswith(b"PK"):
            raise BenchFailure("the report is not a .docx file")
        return data

    return run


def _import_scenario(ctx: Context, *, rows: int, repeat: int) -> Scenario:
    from bench import importing

    label = f"Import of {rows:,} rows (.xlsx, whole file)"
    if rows <= 0:
        return Scenario("import", label, 60_000, skip="not asked for (--import-rows 0)")
    command = importing.import_command()
    if command is None:
        return Scenario("import", label, 60_000, skip="no `import_initiatives` command in the code yet")
    job = importing.ImportJob(ctx.province, rows)
    return Scenario(
        "import",
        label,
        60_000,
        run=job.run,
        floor=job.floor,
        warmup=0,
        repeat=repeat,
        count_queries=False,
        timed=job.measure,
        peak_mb=job.peak_mb,
        note="time and peak memory of `danvan import_initiatives` in a child process",
    )


# --- the run ---------------------------------------------------------------------------------


def run_suite(
    *, province: str | None, only: list[str], import_rows: int, import_repeat: int, repeat: int | None, say: Any
) -> tuple[list[Result], dict[str, str]]:
    ctx = build_context(province)
    results: list[Result] = []
    pages_peak = None
    for scenario in scenarios(ctx, import_rows=import_rows, import_repeat=import_repeat):
        if only and not any(scenario.key.startswith(o) for o in only):
            continue
        if scenario.key == "import":  # it builds a 100,000-row file in this process: not a page's memory
            pages_peak = peak_rss_mb()
        if repeat and scenario.key not in {"import", "word_report"}:
            scenario.repeat = repeat
        result = Result(scenario)
        results.append(result)
        if scenario.skip or scenario.run is None:
            say(f"  skipped  {scenario.label}: {scenario.skip}")
            continue
        try:
            if scenario.count_queries:
                with CaptureQueriesContext(connection) as captured:
                    scenario.run()
                result.queries = len(captured.captured_queries)
            if scenario.timed is not None:
                result.samples = scenario.timed(scenario.repeat)
            else:
                result.samples = measure(scenario.run, warmup=scenario.warmup, repeat=scenario.repeat)
            if scenario.floor is not None:
                result.floor = measure(scenario.floor, warmup=min(scenario.warmup, 1), repeat=scenario.repeat)
            result.peak_mb = scenario.peak_mb() if scenario.peak_mb else None
        except BenchFailure as failure:
            result.error = str(failure)
        say(format_line(result))
    machine = describe_machine(ctx)
    machine["web worker peak memory"] = (
        f"{pages_peak or peak_rss_mb():.0f} MB (this process, after serving every page above and before the import)"
    )
    return results, machine


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def describe_machine(ctx: Context | None = None) -> dict[str, str]:
    """The date, machine, load, database, software and data of a run (and the province measured)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        database = str(cursor.fetchone()[0]).split(" on ")[0]
    memory_kb = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    described = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB memory, {platform.platform()}",
        "load average at the end": ", ".join(f"{x:.1f}" for x in load),
        "database": f"{connection.vendor}: {database}",
        "software": f"Python {sys.version.split()[0]}, Django {django.get_version()}",
        "data": data_summary(),
    }
    if ctx:
        described["province measured"] = (
            f"{ctx.province.code} {ctx.province.name} (scope with predecessors: {len(ctx.paths)} subtrees)"
        )
    return described


def data_summary() -> str:
    with connection.cursor() as cursor:
        counts = []
        for label, table in [
            ("initiatives", "initiatives_initiative"),
            ("events", "initiatives_initiativeevent"),
            ("units", "orgs_unit"),
            ("reviews", "reviews_review"),
            ("awards", "awards_award"),
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts.append(f"{cursor.fetchone()[0]:,} {label}")
    return ", ".join(counts)


def _ms(value: float) -> str:
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def format_line(result: Result) -> str:
    s = result.scenario
    if result.error:
        return f"  ERROR    {s.label}: {result.error}"
    return (
        f"  {_ms(result.samples.median):>8} {_ms(result.samples.p95):>8} ms  floor {_ms(result.floor.median):>7} ms"
        f"  ×{result.ratio:.1f}  q={result.queries if result.queries is not None else '—'}  {s.label}"
    )


TABLE_HEADER = (
    "| scenario | queries | median ms | p95 ms | floor median ms | floor p95 ms | ratio | target (p95) | met |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---|"
)


def markdown_table(results: list[Result]) -> str:
    lines = [TABLE_HEADER]
    for r in results:
        s = r.scenario
        target = (
            "—"
            if s.target_ms is None
            else (f"< {s.target_ms / 1000:.0f} s" if s.target_ms >= 1000 else f"< {s.target_ms:.0f} ms")
        )
        if s.skip or r.error:
            reason = " ".join((s.skip or r.error).split()).replace("|", "/")
            lines.append(f"| {s.label} | | | | | | | {target} | {r.met}: {reason} |")
            continue
        memory = f" (peak {r.peak_mb:.0f} MB)" if r.peak_mb else ""
        lines.append(
            f"| {s.label}{memory} | {r.queries if r.queries is not None else '—'} | {_ms(r.samples.median)} | "
            f"{_ms(r.samples.p95)} | {_ms(r.floor.median)} | {_ms(r.floor.p95)} | "
            f"{'—' if math.isnan(r.ratio) else f'{r.ratio:.1f}'} | {target} | {r.met} |"
        )
    return "\n".join(lines)


def write_results(path: Path, results: list[Result], machine: dict[str, str], repeat_note: str) -> None:
    """Replace the generated block of RESULTS.md; the hand-written notes around it stay."""
    body = "\n".join(
        [
            *(f"- **{k}**: {v}" for k, v in machine.items()),
            f"- **repetitions**: {repeat_note}",
            "",
            markdown_table(results),
        ]
    )
    replace_block(path, "bench", body)
