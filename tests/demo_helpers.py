"""A real `danvan demo` in a subprocess for tests: its own var dir (SQLite) or its own database
next to the test database (PostgreSQL, DATABASE_URL=postgres://…), a free port, the demo logins."""

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from danvan.site.demo import DEMO_PASSWORD

START_SECONDS = 300.0
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def demo_environment(var_dir: Path, suffix: str) -> Iterator[dict[str, Any]]:
    """The environment of a demo process: its own var dir, and on PostgreSQL its own database
    (made here, dropped when the generator closes)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}}
    env.update(DANVAN_VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1", DANVAN_WORKER_BEAT_SECONDS="1")
    url = _postgres_url()
    if not url:
        yield {"env": env, "sqlite": var_dir / "danvan.sqlite3", "pg": ""}
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'danvan'}_{suffix}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    demo_url = urlunsplit(parts._replace(path=f"/{name}"))
    env["DATABASE_URL"] = demo_url
    try:
        yield {"env": env, "sqlite": None, "pg": demo_url}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def worker_rows(demo: dict[str, Any]) -> list[tuple[str, int]]:
    query = "SELECT worker_id, pid FROM core_worker"
    if demo["pg"]:
        import psycopg

        with psycopg.connect(demo["pg"]) as conn:
            return [(r[0], r[1]) for r in conn.execute(query).fetchall()]
    with sqlite3.connect(demo["sqlite"]) as conn:
        return [(r[0], r[1]) for r in conn.execute(query).fetchall()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


class Demo:
    """A running `danvan demo` in a session of its own (so a signal to its group is a terminal's Ctrl-C)."""

    def __init__(self, demo: dict[str, Any], tmp: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "demo.log"
        command = [sys.executable, "-m", "danvan.cli", "demo", "--addrport", f"127.0.0.1:{self.port}"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, env=demo["env"], stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.worker_pid = self._wait_until_serving()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def _wait_until_serving(self) -> int:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            found = re.search(r"Tiến trình nền đang chạy \(pid (\d+)\)", self.output())
            if found:
                try:
                    requests.get(self.url + "/", timeout=5)
                    return int(found.group(1))
                except requests.ConnectionError:
                    pass
            time.sleep(0.5)
        self.process.kill()
        raise AssertionError("demo did not start:\n" + self.output())

    def stop(self, how: str) -> int:
        if how == "ctrl-c":
            os.killpg(self.process.pid, signal.SIGINT)  # what the terminal sends to its foreground group
        else:
            self.process.send_signal(signal.SIGTERM)  # what a service manager sends to the main process
        try:
            return self.process.wait(60)
        except subprocess.TimeoutExpired:
            ps = subprocess.run(["ps", "-eo", "pid,ppid,stat,etime,cmd"], capture_output=True, text=True).stdout  # noqa: S607
            raise AssertionError(f"demo still running 60 s after {how}:\n{ps}\n{self.output()}") from None

    def kill(self) -> None:
        for pid in (self.process.pid, self.worker_pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def signed_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(base + "/dang-nhap/", timeout=10)
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    form = {"csrfmiddlewaretoken": token, "username": username, "password": DEMO_PASSWORD, "next": "/"}
    answer = session.post(base + "/dang-nhap/", data=form, headers={"Referer": base + "/dang-nhap/"}, timeout=10)
    assert answer.ok and "sessionid" in session.cookies, answer.text[:500]
    return session


def wait_for_worker_row(demo_env: dict[str, Any], pid: int) -> list[tuple[str, int]]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = worker_rows(demo_env)
        if rows:
            return rows
        time.sleep(0.2)
    raise AssertionError(f"worker {pid} never registered")
