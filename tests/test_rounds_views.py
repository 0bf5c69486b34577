"""The pages of a reporting round: a commune officer fills and sends, the province reads the board,
accepts or returns, and downloads the Excel (one row per unit)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.initiatives.services import TransitionNotAllowed
from danvan.rounds.models import ReportingRound, RoundStatus, SubmissionStatus, SubmissionValue
from tests.rounds_helpers import province_round

pytestmark = pytest.mark.django_db


def _url(rw, code: str, tail: str = "") -> str:
    return f"/dot-bao-cao/{rw.round.pk}/don-vi/{code}/{tail}"


def test_officer_saves_then_sends(world) -> None:
    rw = province_round(world)
    client = world.client_for(rw.officers["C1"])
    page = client.get("/dot-bao-cao/")
    assert "Báo cáo công tác dân vận 6 tháng đầu năm 2026" in page.content.decode()
    form = client.get(_url(rw, "C1")).content.decode()
    assert "Cuộc đối thoại, tiếp xúc với Nhân dân (cuộc)" in form and "Hạn chế, khó khăn và nguyên nhân" in form
    data = {"v_dialogues": "12", "v_land_m2": "1.500", "s_results": "Đối thoại 12 cuộc.", "as_of": "15/06/2026"}
    saved = client.post(_url(rw, "C1"), {**data, "action": "save"})
    assert saved.status_code == 302
    assert rw.submission("C1").status == SubmissionStatus.DRAFT
    sent = client.post(_url(rw, "C1"), {**data, "action": "send"}, follow=True)
    assert "Đã gửi báo cáo." in sent.content.decode()
    submission = rw.submission("C1")
    assert submission.status == SubmissionStatus.SENT and submission.sections == {"results": "Đối thoại 12 cuộc."}
    assert SubmissionValue.objects.get(submission=submission, indicator__code="land_m2").value == 1500


def test_bad_input_is_shown_on_its_box_and_nothing_written(world) -> None:
    rw = province_round(world)
    client = world.client_for(rw.officers["C1"])
    response = client.post(
        _url(rw, "C1"), {"v_dialogues": "-4", "v_land_m2": "abc", "as_of": "01/08/2026", "action": "send"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không được là số âm" in text and "“abc” không phải là một số" in text and "nằm ngoài kỳ báo cáo" in text
    assert rw.submission("C1").status == SubmissionStatus.PENDING
    assert not SubmissionValue.objects.exists()


def test_outsiders_cannot_fill_or_read(world) -> None:
    rw = province_round(world)
    outsider = world.client_for(rw.officers["C3"])
    assert outsider.get(_url(rw, "C1")).status_code == 403
    assert outsider.post(_url(rw, "C1"), {"v_dialogues": "1", "action": "send"}).status_code == 403
    assert outsider.get(f"/dot-bao-cao/{rw.round.pk}/").status_code == 200  # its own report is listed
    assert outsider.get(f"/dot-bao-cao/{rw.round.pk}/bang-tong-hop.xlsx").status_code == 403
    assert outsider.get(_url(rw, "KHONG-CO")).status_code == 404
    assert rw.submission("C1").status == SubmissionStatus.PENDING


def test_province_board_review_and_excel(world, django_assert_num_queries) -> None:
    rw = province_round(world)
    rw.send("C1", {"dialogues": 12, "mediation_cases": 10, "mediation_successful": 9})
    rw.send("C2", {"dialogues": 8, "mediation_cases": 10, "mediation_successful": 6})
    client = world.client_for(world.approver)
    client.get("/")  # the session and the navigation warm up
    with django_assert_num_queries(7):  # session, user, memberships (scope and nav), round, indicators, totals, board
        board = client.get(f"/dot-bao-cao/{rw.round.pk}/").content.decode()
    assert "Đã gửi 2/3 đơn vị" in board and "Xã Bắc Sơn" in board
    returned = client.post(_url(rw, "C2", "tiep-nhan/"), {"action": "return", "note": "Thiếu số liệu đơn thư"})
    assert returned.status_code == 302
    assert rw.submission("C2").status == SubmissionStatus.RETURNED
    assert client.post(_url(rw, "C1", "tiep-nhan/"), {"action": "accept"}).status_code == 302
    assert rw.submission("C1").status == SubmissionStatus.ACCEPTED
    workbook = load_workbook(io.BytesIO(b"".join(client.get(f"/dot-bao-cao/{rw.round.pk}/bang-tong-hop.xlsx"))))
    rows = list(workbook.active.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Mã đơn vị", "Đơn vị", "Trạng thái")
    by_unit = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(by_unit) == {"C1", "C2", "C3", None}
    assert by_unit["C1"]["Cuộc đối thoại, tiếp xúc với Nhân dân (cuộc)"] == 12
    assert by_unit["C1"]["Tỷ lệ hòa giải thành (%)"] == 90
    assert by_unit["C2"]["Trạng thái"] == "Bị trả lại"
    assert by_unit[None]["Cuộc đối thoại, tiếp xúc với Nhân dân (cuộc)"] == 12  # only what is sent counts


def test_the_rounds_unit_ends_it_after_confirming_and_nothing_is_sent_after(world) -> None:
    rw = province_round(world, due=timezone.localdate() + datetime.timedelta(days=10))
    rw.send("C1", {"dialogues": 1})
    the_round = ReportingRound.objects.get()
    close = reverse("rounds-close", args=[the_round.pk])
    # an officer of a commune it asks cannot end it
    assert world.client_for(rw.officers["C2"]).post(close, {"confirmed": "1"}).status_code == 403
    client = world.client_for(world.approver)
    # the first press says what will happen and how many have not sent
    asked = client.post(close).content.decode()
    assert "Xác nhận kết thúc đợt báo cáo" in asked and "2 đơn vị chưa gửi báo cáo." in asked
    assert ReportingRound.objects.get().status == RoundStatus.OPEN
    response = client.post(close, {"confirmed": "1"}, follow=True)
    assert "Đã kết thúc đợt báo cáo" in response.content.decode()
    assert ReportingRound.objects.get().status == RoundStatus.CLOSED
    # a commune that had not sent can no longer send
    with pytest.raises(TransitionNotAllowed):
        rw.send("C2", {"dialogues": 3})
    assert "Kết thúc đợt báo cáo" not in client.get(reverse("rounds-detail", args=[the_round.pk])).content.decode()
