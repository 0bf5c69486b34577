"""Key tasks: setting, progress, overdue flags, and how a period's tasks were carried out."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.initiatives.services import TransitionNotAllowed
from danvan.keytasks import selectors
from danvan.keytasks.models import KeyTask, TaskUpdate
from danvan.keytasks.services import task_create, task_report, tasks_flag_overdue
from danvan.notifications.models import Notification
from tests.api_helpers import ApiClient
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

H1 = (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def _task(world, title: str, due: datetime.date, owner=None) -> KeyTask:
    return task_create(
        by=world.approver,
        unit=world.province,
        title=title,
        owner_unit=owner or world.commune,
        due=due,
        expected_result="Báo cáo kết quả",
    )


def test_three_tasks_of_the_half(world) -> None:
    # given three key tasks due in the first half of 2026 and one due later
    on_time = _task(world, "Tổ chức đối thoại với Nhân dân", datetime.date(2026, 3, 31))
    late = _task(world, "Sơ kết Chỉ thị 20", datetime.date(2026, 4, 30))
    not_done = _task(world, "Rà soát quy chế dân chủ", datetime.date(2026, 6, 15), owner=world.other_commune)
    following = _task(world, "Tổng kết năm", datetime.date(2026, 12, 20))
    officer = make_user("c1.canbo", "Cán bộ", (world.commune, "officer"))
    # when the owner reports
    task_report(by=officer, task=on_time, status="done", date=datetime.date(2026, 3, 20))
    task_report(by=officer, task=late, status="in_progress", date=datetime.date(2026, 4, 1), note="Đang tổng hợp")
    task_report(by=officer, task=late, status="done", date=datetime.date(2026, 5, 10))
    # then the selector says one on time, one late, one not done, and names the last
    outcome = selectors.task_outcome(world.province, *H1)
    assert [t.title for t in outcome.on_time] == ["Tổ chức đối thoại với Nhân dân"]
    assert [t.title for t in outcome.late] == ["Sơ kết Chỉ thị 20"]
    assert [(t.title, t.owner_unit.name) for t in outcome.not_done] == [("Rà soát quy chế dân chủ", "Phường Tây Sơn")]
    assert selectors.next_tasks(world.province, H1[1]) == [following]
    on_time.refresh_from_db()
    assert selectors.is_overdue(not_done) and not selectors.is_overdue(on_time)
    assert list(TaskUpdate.objects.filter(task=late).values_list("status", flat=True)) == ["in_progress", "done"]


def test_overdue_flagged_to_both_sides_once(world) -> None:
    task = _task(world, "Rà soát quy chế dân chủ", datetime.date(2026, 6, 15))
    owner = make_user("c1.canbo", "Cán bộ", (world.commune, "officer"))
    assert tasks_flag_overdue(today=datetime.date(2026, 6, 15)) == 0
    assert tasks_flag_overdue(today=datetime.date(2026, 6, 16)) == 1
    assert tasks_flag_overdue(today=datetime.date(2026, 6, 17)) == 0
    for user in (owner, world.approver):
        assert Notification.objects.filter(user=user, message__contains="quá hạn").count() == 1
    task.refresh_from_db()
    assert task.overdue_flagged_at is not None


def test_bad_input_and_outsiders(world) -> None:
    with pytest.raises(PermissionDenied):
        task_create(by=world.outsider, unit=world.province, title="X", owner_unit=world.commune, due=H1[1])
    with pytest.raises(ValidationError) as exc:
        task_create(by=world.commune_approver, unit=world.commune, title=" ", owner_unit=world.other_commune, due=H1[1])
    assert set(exc.value.message_dict) == {"title", "owner_unit"}
    task = _task(world, "Nhiệm vụ", H1[1])
    with pytest.raises(PermissionDenied):
        task_report(by=world.outsider, task=task, status="done")
    with pytest.raises(ValidationError) as exc:
        task_report(by=world.approver, task=task, status="done", date=timezone.localdate() + datetime.timedelta(days=2))
    assert "chưa tới" in exc.value.message_dict["date"][0]
    task_report(by=world.approver, task=task, status="done", date=H1[1])
    with pytest.raises(TransitionNotAllowed):
        task_report(by=world.approver, task=task, status="done")
    assert KeyTask.objects.count() == 1 and TaskUpdate.objects.count() == 1


def test_api(world) -> None:
    api = ApiClient(world.approver)
    created = api.post(
        "/tasks",
        {
            "unit": "P1",
            "title": "Đối thoại",
            "owner_unit": "C1",
            "due": "2026-03-31",
            "expected_result": "Biên bản đối thoại",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["overdue"], body["done_on"], body["owner_unit"]) == ("open", True, None, "C1")
    bad = api.post("/tasks", {"unit": "P1", "title": "X", "owner_unit": "VN", "due": "2026-03-31"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "owner_unit"
    assert ApiClient(world.outsider).post(f"/tasks/{body['id']}/updates", {"status": "done"}).status_code == 404
    done = api.post(f"/tasks/{body['id']}/updates", {"status": "done", "note": "Xong", "date": "2026-04-02"})
    assert done.status_code == 200 and done.json()["done_on"] == "2026-04-02" and not done.json()["overdue"]
    assert api.post(f"/tasks/{body['id']}/updates", {"status": "done"}).status_code == 409
    listed = api.get("/tasks", unit="C1", date_from="2026-01-01", date_to="2026-06-30", status="done").json()
    assert listed["count"] == 1 and listed["items"][0]["id"] == body["id"]
    assert api.get("/tasks", unit="C1", status="overdue").json()["count"] == 0


def test_progress_reports_and_submission_events_are_append_only(world) -> None:
    from danvan.core.models import AppendOnlyEvent
    from danvan.rounds.models import SubmissionEvent
    from tests.rounds_helpers import province_round

    task = _task(world, "Rà soát quy chế dân chủ", datetime.date(2026, 6, 15))
    rw = province_round(world)  # makes the commune's officer c1.canbo
    task_report(by=rw.officers["C1"], task=task, status="in_progress", date=datetime.date(2026, 6, 1), note="Làm")
    rw.send("C2", {"dialogues": 1})
    for model in (TaskUpdate, SubmissionEvent):
        assert issubclass(model, AppendOnlyEvent)
        event = model.objects.first()
        assert event is not None
        event.note = "Sửa"
        with pytest.raises(ValidationError, match="không được sửa"):
            event.save()
        with pytest.raises(ValidationError, match="không được xóa"):
            event.delete()
        with pytest.raises(ValidationError, match="không được sửa"):
            model.objects.update(note="Sửa")
        with pytest.raises(ValidationError, match="không được xóa"):
            model.objects.all().delete()
