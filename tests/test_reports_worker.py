"""The real background path: a report is queued, the database worker runs it, the file is there."""

import io

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse

from danvan.reports.models import Report
from danvan.reports.services import report_request
from tests.conftest import World, registered_initiative

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_generates_the_queued_report_and_the_requester_downloads_it(world: World) -> None:
    # given: two registrations and a queued report
    registered_initiative(world, year=2025)
    registered_initiative(world, year=2025, registered_level="province")
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    assert report.status == Report.Status.QUEUED
    # when: the worker processes the queue and exits
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1")
    # then
    report.refresh_from_db()
    assert (report.status, report.progress, report.error) == (Report.Status.DONE, 100, "")
    client = world.client_for(world.viewer)
    status = client.get(reverse("reports-status", args=[report.pk])).content.decode()
    assert reverse("reports-download", args=[report.pk]) in status and "every 2s" not in status
    response = client.get(reverse("reports-download", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="P1-bao-cao-dan-van-kheo-2025.docx"')
    document = docx.Document(io.BytesIO(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    assert any("toàn tỉnh có 2 mô hình, điển hình đăng ký" in p.text for p in document.paragraphs)
    # and another user may not fetch it
    assert world.client_for(world.approver).get(reverse("reports-download", args=[report.pk])).status_code == 404
