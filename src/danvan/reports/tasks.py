"""Background work of the reports app (Django's tasks API; the worker is `uv run danvan db_worker`).

The services enqueue these tasks; a task imports the services only when it runs (one way)."""

from django.tasks import task


@task()
def generate_report(report_id: int) -> str:
    from danvan.reports.services import report_generate

    report = report_generate(report_id=report_id)
    return report.status
