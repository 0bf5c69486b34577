"""The load test's background work (`BACKGROUND=1 bench/loadtest.sh`): a spreadsheet import and the
national report, queued through the services, run by the real worker, and undone afterwards."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from bench import background
from danvan.imports import services as import_services
from danvan.imports.models import ImportJob
from danvan.initiatives.models import Initiative
from danvan.reports.counts import nonzero_rows
from danvan.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_background_jobs_run_in_the_worker_and_leave_the_data_as_it_was(
    migrated_rows: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a small national data set, and files that always go to the worker
    call_command("generate", initiatives=2000, seed=3, villages=1, stdout=StringIO())
    monkeypatch.setattr(import_services, "INLINE_MAX_BYTES", 0)
    before = (Initiative.objects.count(), nonzero_rows())
    plan = tmp_path / "background.json"
    # when both jobs are queued, the worker runs the queue, and the run is finished
    background.start(plan, rows=60)
    assert ImportJob.objects.get().status == ImportJob.Status.QUEUED
    assert Report.objects.get().status == Report.Status.QUEUED
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1")
    lines = background.finish(plan, timeout=5)
    # then both were done by the worker, the import wrote its rows, and they are gone again
    assert lines[0].startswith("- **import of 60 rows** (the worker): done in ")
    assert "60 initiatives written (removed again after the run)" in lines[0]
    assert lines[1].startswith("- **national Word report, 2016–") and "done in " in lines[1]
    assert (Initiative.objects.count(), nonzero_rows()) == before
