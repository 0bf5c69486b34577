"""Background jobs and their workers (core.jobs): a heartbeat, jobs a killed worker left behind
resumed or failed by the next worker, a page that says where a job stands, and trying again.

The worker is the real one (`danvan db_worker`, django-tasks-db) on the database the suite runs on."""

import os
import subprocess
import sys
import time
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from danvan.core.jobs import MAX_ATTEMPTS, Condition, job_condition, jobs_resume_orphaned, running_worker
from danvan.core.models import Worker
from danvan.imports import services as import_services
from danvan.imports.models import ImportJob
from danvan.initiatives.models import Initiative
from danvan.reports.models import Report
from danvan.reports.services import report_request
from tests.conftest import World
from tests.import_helpers import row, xlsx_bytes
from tests.test_reliability import Crash

pytestmark = pytest.mark.django_db(transaction=True)

BATCH = ["--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1"]


def dead_pid() -> int:
    """The id of a process of this machine that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def dead_worker(worker_id: str = "dead-worker") -> Worker:
    now = timezone.now()
    return Worker.objects.create(worker_id=worker_id, host=os.uname().nodename, pid=dead_pid(),
                                 started_at=now, beat_at=now)  # fmt: skip


def queued_import(world: World, rows: int, monkeypatch: Any) -> ImportJob:
    monkeypatch.setattr(import_services, "INLINE_MAX_BYTES", 1000)
    upload = SimpleUploadedFile("so-lieu.xlsx", xlsx_bytes([row(row_key=f"K-{n}", title=f"Mô hình {n}")
                                                           for n in range(rows)]))  # fmt: skip
    job = import_services.import_job_create(by=world.officer, upload=upload, write=True, valid_only=False)
    return import_services.import_job_dispatch(job=job)


def test_a_killed_worker_leaves_a_stalled_import_that_a_restarted_worker_runs_again(
    world: World, tmp_path: Any, monkeypatch: Any
) -> None:
    # given an import of 3,000 rows queued for the worker
    job = queued_import(world, 3000, monkeypatch)
    assert job.status == ImportJob.Status.QUEUED
    crash = Crash(tmp_path)
    # when the worker is killed in the middle of writing it
    crash.kill_mid("worker")
    # then the job is left "writing", naming a worker that is gone, and none of it is written
    job.refresh_from_db()
    assert (job.status, job.attempts, Initiative.objects.count()) == (ImportJob.Status.WRITING, 1, 0)
    assert job.worker_id and job.heartbeat_at is not None
    assert Worker.objects.filter(worker_id=job.worker_id).exists()
    assert job_condition(job) is Condition.STALLED
    # its page says so and offers to try again; reading it changes nothing
    page = world.client_for(world.officer).get(reverse("imports-job", args=[job.pk])).content.decode()
    assert "Tiến trình nền đã dừng khi đang làm việc này" in page
    assert reverse("imports-job-retry", args=[job.pk]) in page
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.WRITING
    # when a worker starts again, it runs the job again from the start, to the end
    call_command("db_worker", *BATCH, verbosity=0)
    job.refresh_from_db()
    assert (job.status, job.created_rows, job.attempts, job.worker_id) == (ImportJob.Status.DONE, 3000, 2, "")
    assert Initiative.objects.count() == 3000
    # the dead worker is forgotten and the task it left running is closed as failed
    assert not Worker.objects.exists()
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "SUCCESSFUL"]


def test_a_job_whose_worker_died_after_taking_it_and_before_starting_it_is_queued_again(world: World) -> None:
    # given a report whose task a worker took, the worker dying before the report began
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    worker = dead_worker()
    DBTaskResult.objects.update(status="RUNNING", worker_ids=[worker.worker_id], started_at=timezone.now())
    assert Report.objects.get(pk=report.pk).status == Report.Status.QUEUED
    # when the next worker starts, the report is queued again (a new task) and made
    call_command("db_worker", *BATCH, verbosity=0)
    report.refresh_from_db()
    assert (report.status, report.attempts) == (Report.Status.DONE, 1)
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED", "SUCCESSFUL"]


def test_a_job_whose_worker_died_too_often_is_failed_then_tried_again_by_hand(world: World) -> None:
    # given a report that was running on a worker that died, on its last allowed run
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    worker = dead_worker()
    Report.objects.filter(pk=report.pk).update(status="running", worker_id=worker.worker_id, attempts=MAX_ATTEMPTS)
    # when the next worker starts
    assert [job.pk for job in jobs_resume_orphaned()] == [report.pk]
    # then the report is failed with a message that says what to do
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED and "Thử lại" in report.error
    client = world.client_for(world.viewer)
    status = client.get(reverse("reports-status", args=[report.pk])).content.decode()
    assert "đã dừng giữa chừng 3 lần" in status and reverse("reports-retry", args=[report.pk]) in status
    assert "every 2s" not in status
    # when its owner tries again, the report is queued and the worker makes it
    fragment = client.post(reverse("reports-retry", args=[report.pk]), headers={"HX-Request": "true"})
    assert "every 2s" in fragment.content.decode()
    report.refresh_from_db()
    assert (report.status, report.error) == (Report.Status.QUEUED, "")
    call_command("db_worker", *BATCH, verbosity=0)
    report.refresh_from_db()
    assert (report.status, report.progress, report.attempts) == (Report.Status.DONE, 100, MAX_ATTEMPTS + 1)
    # a done report cannot be "tried again"
    assert client.post(reverse("reports-retry", args=[report.pk])).status_code == 403


def test_trying_again_without_scripts_comes_back_to_the_report_s_status(world: World) -> None:
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    Report.objects.filter(pk=report.pk).update(status="failed", error="Lỗi")
    client = world.client_for(world.viewer)
    response = client.post(reverse("reports-retry", args=[report.pk]))
    assert response.url == reverse("reports-dashboard", args=[world.province.code]) + f"?bao_cao={report.pk}"
    page = client.get(response.url).content.decode()
    assert f'hx-get="{reverse("reports-status", args=[report.pk])}"' in page and "Đang chờ" in page


def test_only_the_owner_may_try_a_job_again(world: World) -> None:
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    Report.objects.filter(pk=report.pk).update(status="failed", error="Lỗi")
    assert world.client_for(world.approver).post(reverse("reports-retry", args=[report.pk])).status_code == 404
    assert Report.objects.get(pk=report.pk).status == "failed"


def test_the_waiting_page_says_when_no_worker_runs_when_it_waits_its_turn_and_when_it_failed(
    world: World,
) -> None:
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    client = world.client_for(world.viewer)

    def status() -> str:
        return client.get(reverse("reports-status", args=[report.pk])).content.decode()

    # no worker at all: the page says the worker is not running, and keeps asking
    page = status()
    assert "báo cáo Word (.docx) của tỉnh Hòa Bình Mẫu, năm 2025" in page
    assert "Tiến trình nền (worker) không chạy" in page and "every 2s" in page and "<progress" in page
    # a worker of another machine that has not beaten for a long time is not running either
    long_ago = timezone.now() - timezone.timedelta(hours=1)
    Worker.objects.create(worker_id="far", host="elsewhere", pid=1, started_at=long_ago, beat_at=long_ago)
    assert "Tiến trình nền (worker) không chạy" in status()
    # a live worker (it beat just now): the report waits its turn
    Worker.objects.filter(worker_id="far").update(beat_at=timezone.now())
    page = status()
    assert "Đang chờ đến lượt" in page and "không chạy" not in page
    # running: its progress
    Report.objects.filter(pk=report.pk).update(status="running", progress=80, worker_id="far")
    page = status()
    assert 'value="80"' in page and "Đang tạo" in page and "Thử lại" not in page
    # failed: what went wrong, and a way to try again
    Report.objects.filter(pk=report.pk).update(status="failed", error="Không tạo được báo cáo: hết bộ nhớ.")
    page = status()
    assert "Không tạo được báo cáo: hết bộ nhớ." in page and "Thử lại" in page and "every 2s" not in page


def test_the_worker_beats_for_itself_and_its_job_and_unregisters_when_it_stops(world: World, settings: Any) -> None:
    settings.DANVAN_WORKER_BEAT_SECONDS = 0.05
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    with running_worker("w-1"):
        Report.objects.filter(pk=report.pk).update(status="running", worker_id="w-1")
        first = Worker.objects.get().beat_at
        deadline = time.monotonic() + 30
        while Worker.objects.get().beat_at == first or Report.objects.get().heartbeat_at is None:
            assert time.monotonic() < deadline, "no heartbeat within 30 s"
            time.sleep(0.05)
        assert job_condition(Report.objects.get()) is Condition.RUNNING
    assert not Worker.objects.exists()
    # the worker is gone but the report says it is running: stalled, until a worker resumes it
    assert job_condition(Report.objects.get()) is Condition.STALLED
