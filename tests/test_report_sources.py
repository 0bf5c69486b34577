"""The upper unit's report from all four sources (issue 15, "Done when"): the movement's figures, the
measured results, the key tasks, the reporting round's totals and digest, and the unit's own text —
read back from the Word file; and no placeholder anywhere."""

import datetime
import io
from typing import Any

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from danvan.initiatives.services import initiative_enter_historical
from danvan.keytasks.services import task_create, task_report
from danvan.reports.models import Report, ReportText
from danvan.reports.periods import Period
from danvan.reports.services import render_report, report_request, report_text_save
from tests.api_helpers import ApiClient
from tests.conftest import World, initiative_data, make_user
from tests.rounds_helpers import H1, province_round
from tests.test_api import assert_error

pytestmark = pytest.mark.django_db

HALF = Period(2026, 2026, first_half=True)


def word_text(data: bytes) -> str:
    """Every paragraph and every table cell of a Word file, one per line."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def province_report(world: World, round_id: int | None = None) -> str:
    data = render_report(unit=world.province, period=HALF, format="docx", layout="state", round_id=round_id)
    return word_text(data)


def four_models(world: World) -> None:
    """Four recognised models with 500 m² each in the first half of 2026."""
    for number, unit in enumerate((world.village, world.village, world.village2, world.other_commune)):
        initiative_enter_historical(
            by=world.superuser,
            data=initiative_data(
                world, unit=unit, year=2026, title=f"Mô hình hiến đất số {number}", measures={"land_m2": 500}
            ),
            status="recognized",
            recognized_level="commune",
            recognized_on=datetime.date(2026, 3, 1 + number),
        )


def three_tasks(world: World) -> None:
    """Three key tasks due in the half: one done on time, one late, one not done; one for the next period."""

    def task(title: str, due: datetime.date, owner: Any) -> Any:
        return task_create(by=world.approver, unit=world.province, title=title, owner_unit=owner, due=due,
                           expected_result="Báo cáo kết quả")  # fmt: skip

    on_time = task("Tổ chức đối thoại với Nhân dân", datetime.date(2026, 3, 31), world.commune)
    late = task("Sơ kết Chỉ thị 20", datetime.date(2026, 4, 30), world.commune)
    task("Rà soát quy chế dân chủ ở cơ sở", datetime.date(2026, 6, 15), world.other_commune)
    task("Tổng kết phong trào năm 2026", datetime.date(2026, 12, 20), world.commune)
    officer = make_user("c1.nhiemvu", "Cán bộ Đông Hòa", (world.commune, "officer"))
    task_report(by=officer, task=on_time, status="done", date=datetime.date(2026, 3, 20))
    task_report(by=officer, task=late, status="done", date=datetime.date(2026, 5, 10))


def test_measured_results_four_models_of_500_m2_give_2000_m2(world: World) -> None:
    four_models(world)
    text = province_report(world)
    assert "Kết quả định lượng của các mô hình, điển hình" in text
    assert "Các mô hình, điển hình được công nhận 6 tháng đầu năm 2026 đã vận động hiến 2.000 m² đất." in text


def test_key_tasks_one_on_time_one_late_one_not_done_named(world: World) -> None:
    three_tasks(world)
    text = province_report(world)
    assert (
        "6 tháng đầu năm 2026 có 3 nhiệm vụ trọng tâm đến hạn: 1 nhiệm vụ hoàn thành đúng hạn, "
        "1 nhiệm vụ hoàn thành muộn, 1 nhiệm vụ chưa hoàn thành." in text
    )
    assert "Chưa hoàn thành: “Rà soát quy chế dân chủ ở cơ sở” (Phường Tây Sơn chủ trì, hạn 15/06/2026)." in text
    assert "“Sơ kết Chỉ thị 20” (Xã Đông Hòa chủ trì, hạn 30/04/2026), hoàn thành ngày 10/05/2026" in text
    # the next period's tasks go into section III
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" not in text  # numbered by what is present: II here
    assert "II. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in text
    assert "- “Tổng kết phong trào năm 2026” (Xã Đông Hòa chủ trì, hạn 20/12/2026); sản phẩm: Báo cáo kết quả." in text


def test_round_of_three_communes_two_send(world: World) -> None:
    rw = province_round(world)
    rw.send("C1", {"dialogues": 12, "petitions_received": 10, "petitions_resolved": 9},
            {"results": "Xã tổ chức 12 cuộc đối thoại với Nhân dân về giải phóng mặt bằng.",
             "proposals": "Đề nghị hỗ trợ kinh phí cho tổ hòa giải."})  # fmt: skip
    rw.send("C2", {"dialogues": 3, "petitions_received": 10, "petitions_resolved": 7})
    text = province_report(world, round_id=rw.round.pk)
    assert "Tổng hợp báo cáo của các đơn vị" in text
    assert (
        "Đợt “Báo cáo công tác dân vận 6 tháng đầu năm 2026”: 2/3 đơn vị đã gửi báo cáo; chưa gửi: Xã Bắc Sơn." in text
    )
    assert "Cuộc đối thoại, tiếp xúc với Nhân dân: 15 cuộc" in text
    assert "Đơn thư, kiến nghị tiếp nhận: 20 đơn" in text
    assert "Tỷ lệ giải quyết đơn thư, kiến nghị: 80%" in text  # 16 / 20, from the sums
    assert (
        "Xã Đông Hòa (kết quả thực hiện công tác dân vận): "
        "Xã tổ chức 12 cuộc đối thoại với Nhân dân về giải phóng mặt bằng." in text
    )
    assert "Xã Đông Hòa (đề xuất, kiến nghị): Đề nghị hỗ trợ kinh phí cho tổ hòa giải." in text
    # without the round, none of it
    assert "Tổng hợp báo cáo của các đơn vị" not in province_report(world)


def test_all_four_sources_and_the_units_text_without_any_placeholder(world: World) -> None:
    four_models(world)
    three_tasks(world)
    rw = province_round(world)
    rw.send("C1", {"dialogues": 12}, {"results": "Xã tổ chức 12 cuộc đối thoại với Nhân dân."})
    report_text_save(
        by=world.approver,
        unit=world.province,
        period=HALF,
        evaluation="Phong trào được triển khai đồng bộ.\nMột số xã còn chậm gửi báo cáo.",
        direction="Tiếp tục nhân rộng mô hình hiến đất làm đường.",
        proposals="Đề nghị Ban Dân vận Trung ương hướng dẫn tiêu chí mô hình tiêu biểu.",
    )
    text = province_report(world, round_id=rw.round.pk)
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. ĐÁNH GIÁ CHUNG", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                    "IV. ĐỀ XUẤT, KIẾN NGHỊ", "5. Kết quả định lượng của các mô hình, điển hình",
                    "6. Thực hiện nhiệm vụ trọng tâm", "7. Tổng hợp báo cáo của các đơn vị"):  # fmt: skip
        assert heading in text, heading
    assert "2.000 m²" in text and "1 nhiệm vụ chưa hoàn thành" in text and "1/3 đơn vị đã gửi báo cáo" in text
    assert "Một số xã còn chậm gửi báo cáo." in text
    assert "Tiếp tục nhân rộng mô hình hiến đất làm đường." in text
    assert "Nhiệm vụ trọng tâm kỳ tới:" in text
    assert "Đề nghị Ban Dân vận Trung ương hướng dẫn tiêu chí mô hình tiêu biểu." in text
    assert "[Phần để" not in text and "[" not in text


def test_an_empty_report_leaves_sections_out_and_has_no_placeholder(world: World) -> None:
    for format in ("docx", "pdf", "xlsx"):
        data = render_report(unit=world.commune, period=HALF, format=format, layout="party")
        assert b"[Ph" not in data
    text = province_report(world)
    assert "[Phần để" not in text
    assert "II. ĐÁNH GIÁ CHUNG" not in text and "IV. ĐỀ XUẤT" not in text
    assert "6 tháng đầu năm 2026, toàn tỉnh chưa có mô hình, điển hình nào đăng ký trên hệ thống." in text


def test_the_units_text_is_written_on_a_page_by_its_staff_only(world: World) -> None:
    url = reverse("reports-write", args=["P1"]) + "?nam=2026&ky=6t"
    page = world.client_for(world.approver).get(url)
    assert page.status_code == 200 and "Báo cáo 6 tháng đầu năm 2026 của tỉnh Hòa Bình Mẫu" in page.content.decode()
    response = world.client_for(world.approver).post(
        url, {"evaluation": "Phong trào lan tỏa.", "direction": "", "proposals": "Kiến nghị A."}
    )
    assert response.status_code == 302
    saved = ReportText.objects.get(unit=world.province)
    assert (saved.period, saved.evaluation, saved.proposals) == (HALF, "Phong trào lan tỏa.", "Kiến nghị A.")
    assert "Phong trào lan tỏa." in world.client_for(world.approver).get(url).content.decode()
    # a viewer reads, may not write; an outsider cannot even open it
    assert world.client_for(world.viewer).get(url).status_code == 200
    assert world.client_for(world.viewer).post(url, {"evaluation": "Sửa"}).status_code == 403
    assert world.client_for(world.outsider).get(url).status_code in (403, 404)
    assert ReportText.objects.get(unit=world.province).evaluation == "Phong trào lan tỏa."
    with pytest.raises(PermissionDenied):
        report_text_save(by=world.outsider, unit=world.province, period=HALF, evaluation="x", direction="",
                         proposals="")  # fmt: skip
    with pytest.raises(ValidationError):
        report_text_save(by=world.approver, unit=world.province, period=HALF, evaluation="x" * 20_001,
                         direction="", proposals="")  # fmt: skip


def test_a_report_names_only_a_round_of_its_unit(world: World, settings: Any) -> None:
    rw = province_round(world)
    with pytest.raises(ValidationError) as caught:
        report_request(by=world.commune_approver, unit=world.commune, year_from=None, year_to=None,
                       date_from=H1[0], date_to=H1[1], format="docx", round_id=rw.round.pk)  # fmt: skip
    assert "không phải của xã Đông Hòa" in caught.value.message_dict["round"][0]
    assert Report.objects.count() == 0
    api = ApiClient(world.approver)
    body = {"unit": "P1", "date_from": "2026-01-01", "date_to": "2026-06-30", "format": "docx", "round": rw.round.pk}
    assert api.post("/reports", body).status_code == 202
    assert Report.objects.get().reporting_round == rw.round.pk
    assert_error(ApiClient(world.commune_approver).post("/reports", {**body, "unit": "C1"}), 400, "round")


def test_dashboard_states_the_measured_results_at_the_same_query_count(
    world: World, django_assert_num_queries: Any
) -> None:
    from django.core.cache import cache

    four_models(world)
    client = world.client_for(world.viewer)
    url = reverse("reports-dashboard", args=["C1"]) + "?nam=2026&ky=6t"
    client.get(url)
    cache.clear()
    # session, user, unit, memberships, version, predecessors, count rows, awards, child and parent units,
    # child totals, measured results, fields (as many as before the measured results were shown), the
    # units the "go to a unit" picker lists
    with django_assert_num_queries(13):
        html = client.get(url).content.decode()
    assert "Các mô hình, điển hình được công nhận 6 tháng đầu năm 2026 đã vận động hiến 1.500 m² đất." in html
    assert ">1.500<" in html
    assert 'href="/thong-ke/P1/?nam=2026&amp;ky=6t"' in html or "Tỉnh Hòa Bình Mẫu</a>" in html
