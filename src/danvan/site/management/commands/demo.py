"""`uv run danvan demo`: the database, the real unit tree and demo data, then the web server with the
background worker beside it (`danvan db_worker`, a child process): one command, and both stop
together on Ctrl-C or SIGTERM, the worker unregistering itself (its row in `core.Worker`)."""

import contextlib
import ctypes
import signal
import subprocess
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from danvan.site.demo import run_demo_steps

# How long the worker may take to finish the job it runs after being asked to stop, then to stop
# that job and unregister, before it is killed.
GRACE_SECONDS = 30.0
FORCE_SECONDS = 10.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the forked child, before exec
    """Linux: the worker gets SIGTERM when the demo process dies, even by SIGKILL."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # runserver stops on it as on Ctrl-C


@contextlib.contextmanager
def worker_beside(say: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Run `danvan db_worker` as a child in its own session while the block runs; then ask it once
    to stop (SIGTERM), wait for it to finish its job and unregister, force it if it hangs.

    Its own session: Ctrl-C in the terminal reaches only this process, which passes one stop on;
    a second signal arriving in the worker while it unregisters would cut that short."""
    command = [sys.executable, "-m", "danvan.cli", "db_worker", "--no-reload", "--no-startup-delay"]
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command
        command,
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    say(f"Tiến trình nền đang chạy (pid {worker.pid}).")
    # Ctrl-C stops the demo even when started from a shell that ignores SIGINT (a background job
    # inherits SIG_IGN, and Python then leaves it ignored); SIGTERM stops it the same way
    signal.signal(signal.SIGINT, signal.default_int_handler)
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield worker
    finally:
        # a further Ctrl-C or SIGTERM while waiting tells the worker to stop its current job now
        def _force(signum: int, frame: FrameType | None) -> None:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, _force)
        signal.signal(signal.SIGTERM, _force)
        try:
            _stop(worker)
        finally:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, previous_term)
        say("Đã dừng máy chủ web và tiến trình nền.")


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is not None:
        return
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(GRACE_SECONDS)
        return
    except subprocess.TimeoutExpired:
        worker.send_signal(signal.SIGTERM)  # the second one stops the job it runs
    try:
        worker.wait(FORCE_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()  # its row stays; the next worker to start finds it dead and tidies up
        worker.wait()


class Command(BaseCommand):
    help = (
        "Chuẩn bị cơ sở dữ liệu, nạp cây đơn vị thật và dữ liệu mẫu, rồi chạy trang web "
        "cùng tiến trình nền (cả hai dừng khi bấm Ctrl-C)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Chỉ chuẩn bị dữ liệu, không chạy máy chủ.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Đã cập nhật cơ sở dữ liệu.")
        call_command("load_units", stdout=self.stdout)
        run_demo_steps(self.stdout.write)
        if options["no_serve"]:
            return
        self.stdout.write(f"Mở http://{options['addrport']}/ trong trình duyệt. Bấm Ctrl-C để dừng.")
        self.stdout.flush()
        with worker_beside(self._say):
            call_command("runserver", options["addrport"], use_reloader=False)

    def _say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()
