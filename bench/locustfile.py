"""Simulated users of the load test (`bench/loadtest.sh` runs this headless against 127.0.0.1).

The mix, by weight: members of the public searching the library and reading initiative pages
(most of the traffic), leaders opening their dashboard, and officers registering an initiative
through the real form (GET the form, POST it with its CSRF token, follow to the new page).
Each user waits 0.5–2 s between actions, as a person reading does. Everything the users need
(URLs, session cookies, units) comes from the plan that `danvan bench --prepare-load` wrote.
"""

import itertools
import json
import os
import random
import re
from typing import Any

from locust import HttpUser, between, task

PLAN: dict[str, Any] = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_counter = itertools.count(1)


class PublicVisitor(HttpUser):
    """Someone looking for how others solved the same problem."""

    weight = 6
    wait_time = between(0.5, 2)

    @task(3)
    def search(self) -> None:
        if PLAN["library"]:
            query = random.choice(PLAN["searches"])
            self.client.get(PLAN["library"], params={"q": query}, name="library search")

    @task(1)
    def library(self) -> None:
        if PLAN["library"]:
            self.client.get(PLAN["library"], name="library page")

    @task(2)
    def initiative(self) -> None:
        if PLAN["public_pages"]:
            self.client.get(random.choice(PLAN["public_pages"]), name="public initiative page")


class Leader(HttpUser):
    """A steering committee member opening the dashboard of their province."""

    weight = 2
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.me = random.choice(PLAN["viewers"]) if PLAN["viewers"] else None
        if self.me:
            self.client.cookies.set(PLAN["session_cookie"], self.me["session"])

    @task
    def dashboard(self) -> None:
        if self.me:
            self.client.get(self.me["dashboard"], name="dashboard of a province")


class Officer(HttpUser):
    """A village officer registering an initiative through the form."""

    weight = 2
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        self.me = random.choice(PLAN["officers"]) if PLAN["officers"] else None
        if self.me:
            self.client.cookies.set(PLAN["session_cookie"], self.me["session"])

    @task
    def register(self) -> None:
        if not (PLAN["register"] and self.me):
            return
        with self.client.get(PLAN["register"], name="registration form", catch_response=True) as form:
            token = CSRF.search(form.text or "")
            if token is None:
                form.failure(f"HTTP {form.status_code}, no CSRF token in the form")
                return
        number = next(_counter)
        self.client.post(
            PLAN["register"],
            data={
                "csrfmiddlewaretoken": token.group(1),
                "title": f"[tải thử] Mô hình “Dân vận khéo” số {os.getpid()}-{number}",
                "kind": "collective",
                "field": random.choice(PLAN["fields"]),
                "unit": self.me["unit"],
                "year": PLAN["year"],
                "registered_level": "commune",
                "summary": "Nhân dân hiến đất, góp công làm đường bê tông.",
                "confirm_similar": "on",
                "register": "1",
            },
            headers={"Referer": self.host + PLAN["register"]},
            name="registration (POST, then the new page)",
        )
