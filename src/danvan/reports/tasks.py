"""Background work of the reports app (Django's tasks API; the worker is `uv run danvan db_worker`)."""

from django.tasks import task

from danvan.reports.services import report_generate


@task()
def generate_report(*, report_id: int) -> str:
    report = report_generate(report_id=report_id)
    return report.status
