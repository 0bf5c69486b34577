"""The load test's two ends: the plan the simulated users follow, and the summary of what happened.

`bench/loadtest.sh` starts gunicorn on 127.0.0.1, asks for a plan (`danvan bench --prepare-load`),
runs locust headless with `bench/locustfile.py` for a fixed time, records the workers' peak
memory, stops gunicorn and asks for the summary (`danvan bench --load-summary`).

The plan holds what the users need and cannot guess: URLs resolved from the URL conf, session
cookies of signed-in officers and leaders (made here, so the test does not spend its time on
password hashing), units officers may register for, public keys of recognised initiatives.
"""

import csv
import datetime
import json
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from bench.generator import bench_username
from bench.results import replace_block
from bench.suite import SEARCHES, biggest_province
from danvan.accounts.models import User
from danvan.core.text import fold
from danvan.initiatives.models import Initiative, Status
from danvan.orgs.models import Role, Unit

OFFICERS = 20
VIEWERS = 10
P95_TARGET_MS = 300


def _url(name: str, *args: object) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _session(username: str) -> str:
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=username))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def prepare_plan(path: Path) -> list[str]:
    """Write the plan; returns the parts of the mix that cannot run yet, with the reason."""
    missing: list[str] = []
    province = biggest_province()
    communes = list(
        Unit.objects.filter(parent=province, kind_id="commune", valid_to__isnull=True).order_by("code")[:OFFICERS]
    )
    officers = []
    for commune in communes:
        village = Unit.objects.filter(parent=commune, kind_id="village").order_by("code").first()
        if village is not None:
            officers.append({"session": _session(bench_username(commune.code, Role.OFFICER)), "unit": village.pk})
    provinces = list(Unit.objects.filter(kind_id="province", valid_to__isnull=True).order_by("code")[:VIEWERS])
    viewers = [_session(bench_username(p.code, Role.VIEWER)) for p in provinces]
    dashboards = [_url("reports-dashboard", p.code) for p in provinces]
    public_keys = list(
        Initiative.objects.filter(status=Status.RECOGNIZED, exemplary=True)
        .order_by("pk")
        .values_list("public_key", flat=True)[:200]
    )
    library = _url("library-index") or _url("library-search")
    public_detail = _url("library-detail", "KEY")
    dashboard = dashboards[0] if dashboards else None
    register = _url("initiatives-create")
    if not library:
        missing.append("public library and search (`library-index`): not in the code yet")
    if not public_detail:
        missing.append("public initiative pages (`library-detail`): not in the code yet")
    if not dashboard:
        missing.append("dashboard (`reports-dashboard`): not in the code yet")
    if not register:
        missing.append("registration (`initiatives-create`): not in the code yet")
    plan: dict[str, Any] = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "library": library,
        "searches": [*SEARCHES, *(fold(s) for s in SEARCHES), "dan van kheo", "an ninh trat tu", "nong thon moi"],
        "public_pages": [public_detail.replace("KEY", key) for key in public_keys] if public_detail else [],
        "dashboard": dashboard,
        "viewers": [{"session": v, "dashboard": d} for v, d in zip(viewers, dashboards, strict=True) if d],
        "register": register,
        "officers": officers,
        "fields": ["economy", "culture_society", "defence_security", "political_system"],
        "year": datetime.date(2026, 1, 1).year,
        "missing": missing,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    return missing


def summarize(directory: Path) -> tuple[str, bool]:
    """Read locust's CSV and the workers' peak memory; returns the summary and whether it passed."""
    stats = list(csv.DictReader((directory / "locust_stats.csv").open()))
    failures_file = directory / "locust_failures.csv"
    failures = list(csv.DictReader(failures_file.open())) if failures_file.exists() else []
    total = next(row for row in stats if row["Name"] == "Aggregated")
    requests = int(total["Request Count"])
    failed = int(total["Failure Count"])
    p95 = float(total["95%"])
    rps = float(total["Requests/s"])
    memory = _worker_memory(directory / "memory.txt")
    plan = json.loads((directory / "plan.json").read_text())
    lines = [
        f"- **date**: {datetime.datetime.now(datetime.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- **requests**: {requests:,} in the run, **{rps:.1f} requests per second**",
        f"- **errors**: {failed}",
        f"- **latency**: median {float(total['50%']):.0f} ms, p95 **{p95:.0f} ms**, p99 {float(total['99%']):.0f} ms, "
        f"max {float(total['Max Response Time']):.0f} ms",
        f"- **gunicorn workers' peak memory (VmHWM)**: {memory}",
        "",
        "| request | count | errors | median ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in stats:
        if row["Name"] == "Aggregated":
            continue
        lines.append(
            f"| {row['Type']} {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {float(row['Requests/s']):.1f} |"
        )
    lines += [f"\nError: {f.get('Method')} {f.get('Name')}: {f.get('Error')}" for f in failures[:10]]
    lines += [f"\nNot in the mix: {reason}" for reason in plan.get("missing", [])]
    work = directory / "background.txt"
    if work.exists():
        # the question is whether the site keeps answering while the worker is busy: zero errors,
        # and both jobs done; the latency is reported beside the plain load test's
        jobs = work.read_text().strip()
        lines += ["", "Background work during the run (`danvan db_worker`):", "", jobs]
        passed = failed == 0 and requests > 0 and jobs.count(" done in ") == 2
        lines.append(
            f"\n**{'Passed' if passed else 'Failed'}**: every request answered without error while both jobs ran "
            f"to the end ({failed} errors, p95 {p95:.0f} ms)."
        )
        return "\n".join(lines), passed
    passed = failed == 0 and p95 < P95_TARGET_MS and requests > 0
    lines.append(
        f"\n**{'Passed' if passed else 'Failed'}**: zero errors and p95 < {P95_TARGET_MS} ms "
        f"({failed} errors, p95 {p95:.0f} ms)."
    )
    return "\n".join(lines), passed


def _worker_memory(path: Path) -> str:
    if not path.exists():
        return "not recorded"
    peaks = [int(m) / 1024 for m in re.findall(r"VmHWM:\s+(\d+) kB", path.read_text())]
    if not peaks:
        return "not recorded"
    return f"{max(peaks):.0f} MB at most ({', '.join(f'{p:.0f}' for p in peaks)} MB per process, master first)"


def write_summary(results: Path, summary: str, settings_line: str, marker: str = "load") -> None:
    """Replace the block between the `marker` lines of the results file (or add it)."""
    title = "Load test with a 100,000-row import and a national report running" if marker != "load" else "Load test"
    replace_block(results, marker, f"{settings_line}\n\n{summary}", title=title)
