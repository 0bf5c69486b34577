"""Background jobs and the workers that run them: signs of life, orphaned jobs, trying again.

A worker (`uv run danvan db_worker`) registers itself in `Worker` when it starts, moves its `beat_at`
and the `heartbeat_at` of the job it runs on every few seconds (a thread of its own), and deletes its
row when it stops cleanly. A worker is alive when, on this machine, its process still exists, and
elsewhere when it beat within `stale_after()`; a worker killed outright is therefore seen as gone at
once on its own machine. A running job whose worker is gone is stalled: the next worker to start
queues it again (at most `MAX_ATTEMPTS` runs, then it fails it with a message), its page says so at
once and offers to try again, and reading never writes.

Every kind of job is a subclass of `core.models.Job`; this module finds them through the app
registry, so it imports no app.
"""

import contextlib
import datetime
import enum
import logging
import os
import signal
import socket
import threading
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from danvan.core.models import Job, Worker

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
_current_worker_id = ""


def beat_seconds() -> float:
    return float(getattr(settings, "DANVAN_WORKER_BEAT_SECONDS", 5))


def stale_after() -> datetime.timedelta:
    """How long without a sign of life before a worker on another machine (or a job run in a web
    request) is taken for gone."""
    return datetime.timedelta(seconds=float(getattr(settings, "DANVAN_WORKER_STALE_SECONDS", 60)))


def current_worker_id() -> str:
    """The id of the worker this process is ("" in a web request or a command)."""
    return _current_worker_id


def job_models() -> list[type[Job]]:
    return [model for model in apps.get_models() if issubclass(model, Job)]


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child its parent has not reaped yet still answers kill(0)
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def worker_alive(worker: Worker, *, now: datetime.datetime | None = None) -> bool:
    if worker.host == socket.gethostname():
        return worker.worker_id == _current_worker_id or (worker.pid != os.getpid() and _process_alive(worker.pid))
    return worker.beat_at >= (now or timezone.now()) - stale_after()


def live_worker_ids() -> set[str]:
    """The workers that are running now (one query)."""
    now = timezone.now()
    return {w.worker_id for w in Worker.objects.all() if worker_alive(w, now=now)}


class Condition(enum.StrEnum):
    """What a job's page tells the person waiting for it."""

    WAITING = "waiting"  # queued, and a worker is running: it comes to it in turn
    NO_WORKER = "no_worker"  # queued, and no worker is running: it will wait until one starts
    RUNNING = "running"
    STALLED = "stalled"  # its worker stopped while running it
    DONE = "done"
    FAILED = "failed"


def job_condition(job: Job, live: set[str] | None = None) -> Condition:
    """Where a job stands for the person waiting (reads the workers once unless `live` is given)."""
    if job.finished:
        return Condition.FAILED if job.failed else Condition.DONE
    if live is None:
        live = live_worker_ids()
    if not job.is_active:
        return Condition.WAITING if live else Condition.NO_WORKER
    if job.worker_id:
        return Condition.RUNNING if job.worker_id in live else Condition.STALLED
    last = job.heartbeat_at or job.updated_at
    return Condition.RUNNING if last >= timezone.now() - stale_after() else Condition.STALLED


def may_retry(job: Job, condition: Condition) -> bool:
    """A job that failed on the system's side, or whose worker stopped, may be queued again."""
    return condition is Condition.STALLED or (condition is Condition.FAILED and bool(job.error))


def job_save(job: Job, **values: Any) -> None:
    """Set and save `values` on a running job: each save is also its sign of life."""
    values["heartbeat_at"] = timezone.now()
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=[*values, "updated_at"])


def job_begin(job: Job, *, status: str, **values: Any) -> None:
    """The job starts running in this process (a worker, or a web request for a small import)."""
    job_save(
        job,
        status=status,
        worker_id=_current_worker_id,
        started_at=timezone.now(),
        attempts=job.attempts + 1,
        error="",
        finished_at=None,
        **values,
    )


def job_finish(job: Job, *, status: str, **values: Any) -> None:
    job_save(job, status=status, progress=100, worker_id="", finished_at=timezone.now(), **values)


def job_fail(job: Job, *, error: str, **values: Any) -> None:
    job_save(job, status="failed", error=error, worker_id="", finished_at=timezone.now(), **values)


def job_requeue(job: Job) -> None:
    """Queue the job again (its task runs it from the start); the task is sent once this commits."""
    queued = job.Status.values[0]
    job.status, job.progress, job.error, job.worker_id = queued, 0, "", ""
    job.started_at = job.heartbeat_at = job.finished_at = None
    job.save(update_fields=["status", "progress", "error", "worker_id", "started_at", "heartbeat_at",
                            "finished_at", "updated_at"])  # fmt: skip
    task, pk = import_string(job.TASK), job.pk
    transaction.on_commit(lambda: task.enqueue(pk))


@transaction.atomic
def jobs_resume_orphaned() -> list[Job]:
    """Queue again (or, after `MAX_ATTEMPTS` runs, fail) every job whose worker is gone; the task
    results those workers left running are closed as failed. Returns the jobs it touched."""
    live = live_worker_ids()
    dead = set(Worker.objects.exclude(worker_id__in=live).values_list("worker_id", flat=True))
    touched: list[Job] = []
    for model in job_models():
        for job in model._default_manager.select_for_update().filter(status__in=model.ACTIVE).order_by("pk"):
            if job_condition(job, live) is not Condition.STALLED:
                continue
            if job.attempts >= MAX_ATTEMPTS:
                job_fail(job, error=gave_up_message(job.attempts))
            else:
                job_requeue(job)
            touched.append(job)
    requeued = {(job.TASK, job.pk) for job in touched}
    for task_path, pk in _close_orphaned_task_results(dead):
        if (task_path, pk) in requeued:
            continue
        begun = _claimed_but_not_begun(task_path, pk)
        if begun is not None:  # the worker died after taking the task and before starting the job
            job_requeue(begun)
            touched.append(begun)
    Worker.objects.filter(worker_id__in=dead).delete()
    return touched


def _claimed_but_not_begun(task_path: str, pk: Any) -> Job | None:
    """The job a closed task was for, when it is still queued (its task will never run now)."""
    for model in job_models():
        if task_path == model.TASK:
            job = model._default_manager.select_for_update().filter(pk=pk).first()
            if job is not None and not job.is_active and not job.finished:
                return job
    return None


def gave_up_message(attempts: int) -> str:
    return _(
        "Tiến trình nền đã dừng giữa chừng %(n)s lần khi làm việc này nên hệ thống không tự chạy lại nữa. "
        "Hãy bấm “Thử lại”; nếu vẫn lỗi, báo cho quản trị hệ thống."
    ) % {"n": attempts}


def _close_orphaned_task_results(dead: set[str]) -> list[tuple[str, Any]]:
    """Close as failed the task results dead workers left running; returns each one's task and job id."""
    from django_tasks_db.models import DBTaskResult

    closed: list[tuple[str, Any]] = []
    if not dead:
        return closed
    for result in DBTaskResult.objects.running():
        if result.worker_ids and result.worker_ids[-1] in dead:
            result.set_failed(RuntimeError(f"worker {result.worker_ids[-1]} stopped while running this task"))
            given = [*result.args_kwargs.get("args", []), *result.args_kwargs.get("kwargs", {}).values()]
            closed.append((result.task_path, given[0] if given else None))  # a job's task takes its id
    return closed


def _beat(worker_id: str) -> None:
    now = timezone.now()
    Worker.objects.filter(worker_id=worker_id).update(beat_at=now)
    for model in job_models():
        model._default_manager.filter(worker_id=worker_id, status__in=model.ACTIVE).update(heartbeat_at=now)


class _Heart(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(beat_seconds()):
                try:
                    _beat(self.worker_id)
                except DatabaseError:
                    # a long write holds SQLite's lock: this beat waited its turn and gave up; the
                    # next one tries again (on this machine the worker is known alive by its process)
                    logger.warning("heartbeat of worker %s not written", self.worker_id, exc_info=True)
        finally:
            connection.close()


@contextlib.contextmanager
def running_worker(worker_id: str) -> Iterator[None]:
    """Register this process as the worker `worker_id`, resume what dead workers left, beat until
    the block ends, then unregister."""
    global _current_worker_id
    now = timezone.now()
    Worker.objects.update_or_create(
        worker_id=worker_id,
        defaults={"host": socket.gethostname(), "pid": os.getpid(), "started_at": now, "beat_at": now},
    )
    _current_worker_id = worker_id
    heart = _Heart(worker_id)
    try:
        for job in jobs_resume_orphaned():
            logger.warning("%s %s: its worker stopped; now %s", type(job).__name__, job.pk, job.status)
        heart.start()
        yield
    finally:
        with _signals_held():  # a second Ctrl-C must not cut the unregistering short
            heart.stopping.set()
            if heart.is_alive():
                heart.join()
            _current_worker_id = ""
            _unregister(worker_id)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """In the main thread, SIGINT and SIGTERM wait (blocked) until the block ends."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _unregister(worker_id: str) -> None:
    """Delete the worker's row; the stop signal may have cut a query short and left the connection
    unusable (seen on PostgreSQL), so on failure try once more on a new connection."""
    for attempt in (1, 2):
        try:
            Worker.objects.filter(worker_id=worker_id).delete()
            return
        except Exception:
            if attempt == 2:
                logger.exception("worker %s could not unregister; the next worker to start tidies up", worker_id)
                return
            with contextlib.suppress(Exception):
                connection.close()


def job_wait_context(job: Job | None) -> dict[str, Any]:
    """What `core/_job_wait.html` needs besides the job: where it stands and whether to offer a retry."""
    if job is None:
        return {}
    condition = job_condition(job)
    return {"condition": condition.value, "may_retry": may_retry(job, condition)}
