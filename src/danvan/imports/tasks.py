from django.tasks import task  # type: ignore[import-untyped]

from danvan.imports.models import ImportJob
from danvan.imports.services import import_job_run


@task()
def run_import_job(job_id: int) -> None:
    """Check (and if asked, write) one uploaded spreadsheet: `uv run danvan db_worker` runs it."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is not None:
        import_job_run(job=job)
