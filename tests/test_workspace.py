"""The signed-in home: what needs each person now, each a link with a count, at a constant cost."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.initiatives.models import Initiative
from danvan.initiatives.services import initiative_act
from danvan.keytasks.services import task_create
from tests.conftest import World, registered_initiative
from tests.rounds_helpers import province_round

pytestmark = pytest.mark.django_db


def returned(world: World, title: str) -> Initiative:
    initiative = registered_initiative(world, title=title)
    initiative_act(by=world.officer, initiative=initiative, action="submit")
    return initiative_act(
        by=world.commune_reviewer, initiative=initiative, action="return", note="Thiếu ảnh minh chứng"
    )


def draft(world: World, title: str) -> Initiative:
    from danvan.initiatives.services import initiative_create
    from tests.conftest import initiative_data

    return initiative_create(by=world.officer, data=initiative_data(world, title=title))


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_officer_sees_the_returned_model_first_then_drafts_each_a_link_with_a_count(world: World) -> None:
    draft(world, "Bản nháp mô hình nước sạch")
    sent_back = returned(world, "Mô hình bị trả lại")
    client = world.client_for(world.officer)
    body = client.get("/").content.decode()
    page = text(body)
    assert "Việc cần làm" in page
    assert "1 bị trả lại, cần bổ sung" in page and "1 bản nháp chưa gửi" in page
    assert f'href="{reverse("initiatives-list")}?status=returned"' in body
    assert f'href="{reverse("initiatives-list")}?status=draft"' in body
    # the returned model is named first, before the draft
    link = reverse("initiatives-detail", args=[sent_back.pk])
    assert body.index(link) < body.index("Bản nháp mô hình nước sạch")
    # the public library one click away; the reviewer's queue is not offered to an officer
    assert f'href="{reverse("library-index")}"' in body and "chờ bình xét" not in page


def test_an_outsider_sees_nothing_of_another_units_models(world: World) -> None:
    returned(world, "Mô hình bị trả lại")
    page = text(world.client_for(world.outsider).get("/").content.decode())
    assert "Mô hình bị trả lại" not in page and "Hiện không có việc nào chờ bạn." in page


def test_reviewer_sees_the_queue_of_their_level_and_unread_notifications(world: World) -> None:
    for n in range(2):
        initiative_act(by=world.officer, initiative=registered_initiative(world, title=f"Mô hình {n}"), action="submit")
    body = world.client_for(world.commune_reviewer).get("/").content.decode()
    page = text(body)
    assert "2 chờ bình xét cấp xã" in page and f'href="{reverse("reviews-queue")}"' in body
    assert "2 thông báo chưa đọc" in page and f'href="{reverse("notifications-list")}"' in body


def test_overdue_key_tasks_and_reports_to_send(world: World) -> None:
    rw = province_round(world)
    task_create(
        by=world.approver,
        unit=world.province,
        title="Tổng kết 5 năm dân vận khéo",
        owner_unit=world.commune,
        due=datetime.date(2026, 1, 15),
        expected_result="Báo cáo",
    )
    body = world.client_for(rw.officers["C1"]).get("/").content.decode()
    page = text(body)
    assert "1 nhiệm vụ trọng tâm quá hạn" in page and "Tổng kết 5 năm dân vận khéo" in page
    assert "1 báo cáo của đợt đang mở cần gửi" in page
    assert reverse("rounds-submission", args=[rw.round.pk, "C1"]) in body


def test_anonymous_home_is_the_welcome_and_the_library(client) -> None:  # type: ignore[no-untyped-def]
    page = text(client.get("/").content.decode())
    assert "Chào mừng" in page and "Việc cần làm" not in page


def test_the_workspace_costs_the_same_whatever_the_numbers(world: World) -> None:
    returned(world, "Mô hình trả lại đầu tiên")
    officer, reviewer = world.client_for(world.officer), world.client_for(world.commune_reviewer)
    officer.get("/"), reviewer.get("/")  # the sessions warm up

    def queries(client) -> int:  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    before = queries(officer), queries(reviewer)
    for n in range(3):
        returned(world, f"Mô hình trả lại {n}")
        initiative_act(by=world.officer, initiative=registered_initiative(world, title=f"Chờ {n}"), action="submit")
        draft(world, f"Bản nháp {n}")
    after = queries(officer), queries(reviewer)
    # officer: session, user, memberships, the owner's counts and rows, proposals, reports to send,
    # overdue tasks, unread notifications; reviewer: session, user, memberships, the owner's counts,
    # the queue's counts, overdue tasks, unread notifications (no models to list, no proposals or
    # reports for the role: no query)
    assert before == after == (9, 7)
