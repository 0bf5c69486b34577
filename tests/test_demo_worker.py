"""`danvan demo` for real: a subprocess on a free port with its own database, the worker beside the
web server, a report asked for over HTTP and made by that worker, then one stop for both (SQLite, or
PostgreSQL with DATABASE_URL)."""

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import requests

from tests.demo_helpers import CSRF, Demo, alive, demo_environment, signed_in, wait_for_worker_row, worker_rows


@pytest.fixture(scope="module")
def demo_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield from demo_environment(tmp_path_factory.mktemp("demo-var"), "demo")


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_demo_runs_the_worker_that_makes_the_leaders_report_and_both_stop_together(
    demo_env: dict[str, Any], tmp_path: Path, how: str
) -> None:
    # given: the demo, started as a person would, with nothing else started by hand
    demo = Demo(demo_env, tmp_path)
    try:
        assert wait_for_worker_row(demo_env, demo.worker_pid) and alive(demo.worker_pid)
        # when: the demo leader asks the dashboard for this year's Word report
        leader = signed_in(demo.url, "lanhdao")
        dashboard = leader.get(demo.url + "/thong-ke/?nam=2025", timeout=30)
        assert dashboard.ok
        code = re.search(r"/thong-ke/([^/?]+)/", dashboard.url).group(1)  # type: ignore[union-attr]
        token = CSRF.search(dashboard.text).group(1)  # type: ignore[union-attr]
        answer = leader.post(
            f"{demo.url}/thong-ke/{code}/bao-cao/?nam=2025",
            data={"csrfmiddlewaretoken": token, "format": "docx", "layout": "state"},
            headers={"HX-Request": "true", "Referer": dashboard.url},
            timeout=30,
        )
        assert answer.ok, answer.text[:500]
        status_url = re.search(r'hx-get="(/thong-ke/bao-cao/\d+/)"', answer.text).group(1)  # type: ignore[union-attr]
        # then: the worker beside the server makes it, and the page offers the file
        deadline = time.monotonic() + 120
        while "/tai-ve/" not in (status := leader.get(demo.url + status_url, timeout=10).text):
            assert "job-no-worker" not in status, status
            assert time.monotonic() < deadline, status + demo.output()
            time.sleep(0.5)
        download = leader.get(demo.url + status_url + "tai-ve/", timeout=30)
        assert download.ok and download.headers["Content-Disposition"].endswith('.docx"')
        assert any("năm 2025" in p.text for p in docx.Document(io.BytesIO(download.content)).paragraphs)
        # when: stopped (Ctrl-C in the terminal, or SIGTERM from a service manager)
        assert demo.stop(how) == 0, demo.output()
        # then: both processes are gone and the worker unregistered itself
        deadline = time.monotonic() + 10
        while alive(demo.worker_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(demo.worker_pid)
        assert worker_rows(demo_env) == []
        assert "Đã dừng máy chủ web và tiến trình nền." in demo.output()
        with pytest.raises(requests.ConnectionError):
            requests.get(demo.url + "/", timeout=5)
    finally:
        demo.kill()
