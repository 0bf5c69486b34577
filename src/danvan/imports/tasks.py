"""Background work of the imports app (Django's tasks API; the worker is `uv run danvan db_worker`).

The services enqueue these tasks; a task imports the services only when it runs (one way)."""

from django.tasks import task  # type: ignore[import-untyped]

from danvan.imports.models import ImportJob


@task()
def run_import_job(job_id: int) -> None:
    """Check (and if asked, write) one uploaded spreadsheet: `uv run danvan db_worker` runs it."""
    from danvan.imports.services import import_job_run

    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is not None:
        import_job_run(job=job)
