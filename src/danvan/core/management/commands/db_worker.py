"""`uv run danvan db_worker`: django-tasks-db's worker, registered with a heartbeat (`core.jobs`).

On start it queues again what a worker that died left running; while it runs, a thread moves its
sign of life and that of its job every few seconds; on a clean stop it unregisters.
"""

import os
from typing import Any

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from danvan.core.jobs import running_worker


class Command(DatabaseWorkerCommand):
    help = "Run the background worker (imports, reports), with a heartbeat; resumes jobs a killed worker left"

    def handle(self, *args: Any, **options: Any) -> None:
        reloader_parent = options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reloader_parent:  # this process only restarts the real worker (its child) on code changes
            return super().handle(*args, **options)
        with running_worker(options["worker_id"]):
            return super().handle(*args, **options)
