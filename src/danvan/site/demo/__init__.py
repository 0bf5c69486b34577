"""Demo data, step by step: one module of this package per app that has demo data (site sits on
top, so it may use every app); each step is idempotent (a second `danvan demo` reuses what is
there) and returns lines to print."""

import importlib
from collections.abc import Callable

DEMO_STEPS = [
    "danvan.site.demo.orgs",
    "danvan.site.demo.initiatives",
    "danvan.site.demo.awards",
    "danvan.site.demo.conferences",
    "danvan.site.demo.library",
    "danvan.site.demo.reports",  # last: recomputes the statistics over everything the steps above made
]

DEMO_PASSWORD = "danvan-demo-2026"  # noqa: S105 - printed on purpose: demo logins only


def run_demo_steps(say: Callable[[str], None]) -> None:
    for module_name in DEMO_STEPS:
        module = importlib.import_module(module_name)
        for line in module.seed():
            say(line)
