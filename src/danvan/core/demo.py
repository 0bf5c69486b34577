"""Demo data, step by step. Each app that has demo data adds its module here; each step is
idempotent (a second `danvan demo` reuses what is there) and returns lines to print."""

import importlib
from collections.abc import Callable

DEMO_STEPS = [
    "danvan.orgs.demo",
    "danvan.initiatives.demo",
    "danvan.awards.demo",
    "danvan.conferences.demo",
    "danvan.library.demo",
    "danvan.reports.demo",  # last: recomputes the statistics over everything the steps above made
]

DEMO_PASSWORD = "danvan-demo-2026"  # noqa: S105 - printed on purpose: demo logins only


def run_demo_steps(say: Callable[[str], None]) -> None:
    for module_name in DEMO_STEPS:
        module = importlib.import_module(module_name)
        for line in module.seed():
            say(line)
