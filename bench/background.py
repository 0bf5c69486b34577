"""Does the site keep answering while the worker runs a 100,000-row import and a national report?

`BACKGROUND=1 bench/loadtest.sh` starts the real worker (`danvan db_worker`) beside gunicorn, and
before the simulated users arrive asks for the two heaviest background jobs through the same
services the pages use: an import of a province's spreadsheet (written, not only checked) and
the national Word report of every year. The load test then runs as usual; afterwards this module
waits for both jobs, records how long each took, and removes what the import wrote, so the data
set is as before.
"""

import datetime
import json
import time
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bench import importing
from bench.generator import bench_username
from bench.safety import refuse_in_production
from bench.suite import biggest_province
from danvan.accounts.models import User
from danvan.imports.models import ImportJob
from danvan.imports.services import import_job_create, import_job_dispatch
from danvan.initiatives.models import Initiative
from danvan.orgs.models import Role, Unit
from danvan.reports.models import Report
from danvan.reports.services import report_request

IMPORT_ROWS = 100_000
FIRST_YEAR = 2016


def start(path: Path, rows: int = IMPORT_ROWS) -> None:
    """Queue the import and the national report; write what `finish` needs into `path`."""
    refuse_in_production("nhập rồi xóa dữ liệu đo")
    province = biggest_province()
    spreadsheet = importing.ImportJob(province, rows).make_file()
    before = Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    importing.counts_snapshot()
    admin = User.objects.get(username=bench_username(province.code, Role.ADMIN))
    upload = SimpleUploadedFile(spreadsheet.name, spreadsheet.read_bytes())
    spreadsheet.unlink()
    job = import_job_dispatch(job=import_job_create(by=admin, upload=upload, write=True, valid_only=False))
    root = Unit.objects.get(parent__isnull=True)
    leader = User.objects.get(username=bench_username(root.code, Role.VIEWER))
    report = report_request(
        by=leader,
        unit=root,
        year_from=FIRST_YEAR,
        year_to=timezone.localdate().year,
        format=Report.Format.DOCX,
    )
    path.write_text(json.dumps({"import_job": job.pk, "rows": rows, "report": report.pk, "before": before}))


def finish(path: Path, timeout: float = 600) -> list[str]:
    """Wait for both jobs (at most `timeout` seconds), clean up, and describe what happened. One
    worker runs one task at a time: the report's time includes its wait behind the import."""
    plan: dict[str, Any] = json.loads(path.read_text())
    deadline = time.monotonic() + timeout
    job = ImportJob.objects.get(pk=plan["import_job"])
    report = Report.objects.get(pk=plan["report"])
    while time.monotonic() < deadline:
        job.refresh_from_db()
        report.refresh_from_db()
        if job.finished_at and report.finished_at:
            break
        time.sleep(2)
    importing.remove_after(plan["before"])  # the import's rows, and what the simulated users registered
    importing.counts_restore()
    importing.vacuum()
    return [
        f"- **import of {plan['rows']:,} rows** (the worker): {_outcome(job.status, job.created_at, job.finished_at)}, "
        f"{job.created_rows:,} initiatives written (removed again after the run)",
        f"- **national Word report, {report.year_from}–{report.year_to}** (the worker, queued behind the import): "
        f"{_outcome(report.status, report.created_at, report.finished_at)}",
    ]


def _outcome(state: str, started: datetime.datetime, finished: datetime.datetime | None) -> str:
    if finished is None:
        return f"not finished when the load test ended (state: {state})"
    return f"{state} in {(finished - started).total_seconds():.0f} s"
