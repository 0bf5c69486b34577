"""Statistics selectors, the documents read back, the background worker, the CLI and the views."""

import datetime
import io
import re
from dataclasses import dataclass
from typing import Any

import docx
import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from danvan.awards.services import DecisionData, decision_create
from danvan.core.formatting import vn_number
from danvan.documents.models import Layout
from danvan.initiatives.services import initiative_create, initiative_enter_historical
from danvan.movements.models import Field
from danvan.orgs.services import unit_create
from danvan.reports.models import Report
from danvan.reports.periods import Period
from danvan.reports.selectors import child_rows, decisions_listed, scope_stats, stats_for_scope
from danvan.reports.services import render_report, report_request
from tests.conftest import World, initiative_data, registered_initiative

pytestmark = pytest.mark.django_db


@dataclass
class Data:
    legacy: Any
    decision: Any


def build(world: World) -> Data:
    """2025 in the province: 3 registered by the village, 2 recognised (1 exemplary), a legacy district's
    recognised record of 2023, and a decision of the province commending 2 collectives and 1 person."""
    fields = {f.code: f for f in Field.objects.all()}
    registered_initiative(world, year=2025)
    registered_initiative(
        world, year=2025, kind="individual", person_name="Nguyễn Thị Hường", field=fields["culture_society"]
    )
    registered_initiative(world, year=2025, registered_level="province")
    initiative_create(by=world.officer, data=initiative_data(world, year=2025), register=False)  # a draft: not counted
    recognized = []
    for field, exemplary in (("economy", True), ("defence_security", False)):
        recognized.append(
            initiative_enter_historical(
                by=world.approver,
                data=initiative_data(world, year=2025, field=fields[field], unit=world.village2),
                status="recognized",
                recognized_level="commune",
                recognized_on=datetime.date(2025, 3, 10),
                exemplary=exemplary,
            )
        )
    legacy = unit_create(
        by=world.superuser,
        code="D01",
        name="Huyện Lạc Sơn Cũ",
        kind="district",
        parent=world.root,
        valid_to=datetime.date(2025, 6, 30),
        successor=world.province,
    )
    initiative_enter_historical(
        by=world.superuser,
        data=initiative_data(world, year=2023, unit=legacy, field=fields["political_system"]),
        status="recognized",
        recognized_level="district",
        recognized_on=datetime.date(2023, 9, 7),
    )
    decision = decision_create(
        by=world.approver,
        issue=True,
        data=DecisionData(
            number="2559/QĐ-UBND",
            date=datetime.date(2025, 12, 15),
            issuer_unit=world.province,
            signer_name="Nguyễn Văn Hùng",
            signer_title="Chủ tịch",
            award_form="bang_khen",
            awards=[
                {"initiative": recognized[0].pk},
                {"initiative": recognized[1].pk},
                {"recipient_name": "Trần Văn Đức", "recipient_kind": "individual"},
            ],
        ),
    )
    return Data(legacy=legacy, decision=decision)


# ------------------------------------------------------------------ selectors


def test_stats_for_scope_has_the_api_shape_and_figures(world: World) -> None:
    build(world)
    assert stats_for_scope(unit=world.province, year_from=2025, year_to=2025) == {
        "unit": "P1",
        "year_from": 2025,
        "year_to": 2025,
        "date_from": datetime.date(2025, 1, 1),
        "date_to": datetime.date(2025, 12, 31),
        "registered": {
            "total": 5,
            "by_level": {"commune": 4, "province": 1},
            "by_field": {"economy": 3, "culture_society": 1, "defence_security": 1},
            "by_kind": {"collective": 4, "individual": 1},
        },
        "recognized": {
            "total": 2,
            "by_level": {"commune": 2},
            "by_field": {"economy": 1, "defence_security": 1},
            "by_kind": {"collective": 2},
        },
        "exemplary": {"total": 1, "by_level": {"commune": 1}, "by_field": {"economy": 1}, "by_kind": {"collective": 1}},
        "commended": {"total": 3, "by_kind": {"collective": 2, "individual": 1}, "decisions": 1},
        "women": {"registered": 0, "recognized": 0, "commended": 0},
    }


def test_period_rules_first_half_and_phase(world: World) -> None:
    build(world)
    half = scope_stats(unit=world.province, period=Period(2025, 2025, first_half=True))
    # the five registrations of 2025 have no day (registered today for 2025): they count in the whole year
    # only, and the half says it left them out; recognitions of 10/03/2025 fall in the first half; the
    # decision of 15/12 does not
    assert (half.registered.total, half.undated, half.recognized.total, half.commended.total) == (0, 5, 2, 0)
    phase = scope_stats(unit=world.province, period=Period(2021, 2025))
    assert (phase.registered.total, phase.recognized.total) == (6, 3)
    assert phase.recognized.by_level == {"commune": 2, "district": 1}
    # the commune's scope holds only its villages' records
    commune = scope_stats(unit=world.commune, period=Period(2025, 2025))
    assert (commune.registered.total, commune.commended.total) == (5, 0)


def test_commended_skips_drafts_and_outside_period(world: World) -> None:
    build(world)
    decision_create(
        by=world.approver,
        data=DecisionData(
            number="12/QĐ-UBND",
            date=datetime.date(2025, 12, 20),
            issuer_unit=world.province,
            signer_name="Nguyễn Văn Hùng",
            signer_title="Chủ tịch",
            award_form="bang_khen",
            awards=[{"recipient_name": "Hội Nông dân xã Đông Hòa", "recipient_kind": "collective"}],
        ),
    )  # a draft: not counted
    stats = scope_stats(unit=world.province, period=Period(2025, 2025))
    assert (stats.commended.total, stats.commended.decisions) == (3, 1)
    listed = decisions_listed(paths=stats.paths, period=Period(2025, 2025))
    assert [(d.number, d.collectives, d.individuals) for d in listed] == [("2559/QĐ-UBND", 2, 1)]
    assert scope_stats(unit=world.province, period=Period(2024, 2024)).commended.total == 0
    # the commune issued nothing: its scope counts no commendation
    assert scope_stats(unit=world.commune, period=Period(2025, 2025)).commended.total == 0


def test_a_correction_replaces_the_decision_it_corrects(world: World) -> None:
    from danvan.reports.counts import nonzero_rows, rebuild_counts

    data = build(world)
    # when: the province issues a correction naming two individuals instead
    decision_create(
        by=world.approver,
        corrects=data.decision,
        issue=True,
        data=DecisionData(
            number="2600/QĐ-UBND",
            date=datetime.date(2025, 12, 20),
            issuer_unit=world.province,
            signer_name="Nguyễn Văn Hùng",
            signer_title="Chủ tịch",
            award_form="bang_khen",
            awards=[
                {"recipient_name": "Trần Văn Đức", "recipient_kind": "individual"},
                {"recipient_name": "Lê Thị Ánh Tuyết", "recipient_kind": "individual"},
            ],
        ),
    )
    # then: only the correction counts, and the increments equal a rebuild
    stats = scope_stats(unit=world.province, period=Period(2025, 2025))
    assert stats.commended.as_api() == {"total": 2, "by_kind": {"individual": 2}, "decisions": 1}
    incremental = nonzero_rows()
    rebuild_counts()
    assert nonzero_rows() == incremental


# ------------------------------------------------------------------ documents read back


def _docx_text(data: bytes) -> tuple[str, list[list[list[str]]], Any]:
    document = docx.Document(io.BytesIO(data))
    body = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    header_cells = "\n".join(c.text for c in document.tables[0].rows[0].cells)
    return body + "\n" + header_cells, tables, document


def test_word_report_state_layout_sentences_and_tables(world: World) -> None:
    # given
    build(world)
    stats = scope_stats(unit=world.province, period=Period(2021, 2025))
    # when
    data = render_report(
        unit=world.province,
        period=Period(2021, 2025),
        format="docx",
        layout="state",
        number="12",
        day=datetime.date(2025, 12, 30),
    )
    text, tables, document = _docx_text(data)
    # then: the administrative layout of Nghị định 30/2020
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 12/BC-UBND" in text
    assert "ỦY BAN NHÂN DÂN\nTỈNH HÒA BÌNH MẪU" in text
    assert "Hòa Bình Mẫu, ngày 30 tháng 12 năm 2025" in text
    assert "Kết quả thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021 - 2025" in text
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    # the sentences carry the selector's figures
    assert (
        f"Giai đoạn 2021 - 2025, toàn tỉnh có {stats.registered.total} mô hình, điển hình đăng ký thực hiện "
        "phong trào thi đua “Dân vận khéo” (5 mô hình tập thể, 1 điển hình cá nhân), trong đó cấp xã 5, "
        "cấp tỉnh 1." in text
    )
    assert (
        "Theo lĩnh vực: kinh tế 3; văn hóa - xã hội 1; quốc phòng - an ninh 1; xây dựng Đảng, hệ thống chính trị 1."
        in text
    )
    assert (
        "Các cấp đã công nhận 3 mô hình, điển hình, gồm 3 mô hình tập thể; "
        "trong đó cấp xã công nhận 2, cấp huyện công nhận 1." in text
    )
    assert "Theo lĩnh vực: kinh tế 1 (1 mô hình tập thể); quốc phòng - an ninh 1 (1 mô hình tập thể)" in text
    assert "Có 1 mô hình, điển hình được lựa chọn là tiêu biểu" in text
    assert (
        "- Quyết định số 2559/QĐ-UBND ngày 15/12/2025 của Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu khen thưởng "
        "2 tập thể và 1 cá nhân." in text
    )
    assert "[Phần để" not in text and "II. ĐÁNH GIÁ CHUNG" not in text  # nothing written: left out, no placeholder
    assert "Nơi nhận:" in "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    # the tables: by field (the total line equals the selector) and by child unit (the dissolved district too)
    by_field = next(t for t in tables if t[0][0] == "Lĩnh vực")
    assert by_field[-1] == ["Tổng cộng", "6", "3", "3", "0", "1"]
    by_unit = next(t for t in tables if t[0][0] == "Đơn vị")
    assert ["Xã Đông Hòa", "5", "2", "1"] in by_unit
    assert ["Huyện Lạc Sơn Cũ (đã giải thể, số liệu chuyển về đơn vị kế thừa)", "1", "1", "0"] in by_unit
    assert by_unit[-1] == ["Tổng cộng", str(stats.registered.total), str(stats.recognized.total), "1"]
    # and the chart as a picture
    assert len(document.inline_shapes) == 1


def test_word_report_party_layout(world: World) -> None:
    build(world)
    data = render_report(unit=world.province, period=Period(2025, 2025), format="docx", layout="party", number="12")
    text, _tables, _doc = _docx_text(data)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 12-BC/TU" in text
    assert "Số: 12" not in text
    assert "ĐẢNG BỘ TỈNH HÒA BÌNH MẪU" in text
    assert "CỘNG HÒA XÃ HỘI" not in text


def test_layout_rules_are_data(world: World) -> None:
    build(world)
    layout = Layout.objects.get(code="state")
    layout.rules = {**layout.rules, "font_name": "Liberation Serif", "kinds": {"report": {"title": "BÁO CÁO SƠ KẾT"}}}
    layout.save()
    _text, _t, document = _docx_text(
        render_report(unit=world.province, period=Period(2025, 2025), format="docx", layout="state")
    )
    assert document.styles["Normal"].font.name == "Liberation Serif"
    assert "BÁO CÁO SƠ KẾT" in [p.text for p in document.paragraphs]


def test_large_numbers_are_written_the_vietnamese_way() -> None:
    from danvan.core.text import office_in_sentence
    from danvan.reports.writing import _change, recipients_words

    assert recipients_words(0, 2) == "2 cá nhân"
    assert office_in_sentence("BAN THƯỜNG VỤ ĐẢNG ỦY XÃ THANH THỦY", "Xã Thanh Thủy") == (
        "Ban Thường vụ Đảng ủy xã Thanh Thủy"
    )
    assert office_in_sentence("", "Tỉnh Phú Thọ") == "tỉnh Phú Thọ"

    assert vn_number(1234567) == "1.234.567"
    assert _change(1500, 1200, "mô hình", "năm 2024") == "tăng 300 mô hình (25,0%) so với năm 2024"


def test_excel_one_sheet_per_breakdown_numbers_and_chart(world: World) -> None:
    build(world)
    stats = scope_stats(unit=world.province, period=Period(2025, 2025))
    data = render_report(unit=world.province, period=Period(2025, 2025), format="xlsx", layout="state")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "Tổng hợp",
        "Theo lĩnh vực",
        "Theo cấp",
        "Theo loại",
        "Theo trạng thái",
        "Theo đơn vị",
        "Khen thưởng",
    ]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=4, values_only=True)}
    assert summary == {
        "Đăng ký": stats.registered.total,
        "Được công nhận": stats.recognized.total,
        "Tiêu biểu": stats.exemplary.total,
        "Được khen thưởng": stats.commended.total,
    }
    fields = list(book["Theo lĩnh vực"].iter_rows(values_only=True))
    assert fields[0] == ("Lĩnh vực", "Đăng ký", "Được công nhận", "Tập thể", "Cá nhân", "Tiêu biểu")
    assert ("Kinh tế", 3, 1, 1, 0, 1) in fields
    assert isinstance(fields[-1][1], int) and fields[-1][1] == stats.registered.total
    assert len(book["Theo lĩnh vực"]._charts) == 1
    levels = {row[0]: row[1] for row in book["Theo cấp"].iter_rows(min_row=2, values_only=True)}
    assert levels["Cấp xã"] == stats.registered.by_level["commune"]
    decisions = list(book["Khen thưởng"].iter_rows(min_row=2, values_only=True))
    assert decisions == [("2559/QĐ-UBND", "15/12/2025", "Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình Mẫu", 2, 1)]


def test_pdf_report_is_made_with_the_text(world: World) -> None:
    build(world)
    data = render_report(unit=world.province, period=Period(2025, 2025), format="pdf", layout="state", number="12")
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 12/BC-UBND" in text
    assert "toàn tỉnh có 5 mô hình, điển hình đăng ký" in " ".join(text.split())
    fonts = {f["/BaseFont"] for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any("Liberation-Serif" in str(f) for f in fonts), fonts


# ------------------------------------------------------------------ CLI


def test_report_command_writes_the_file(world: World, tmp_path: Any) -> None:
    build(world)
    target = tmp_path / "bao-cao.docx"
    call_command("report", "--unit", "P1", "--from", "2025", "--to", "2025", "--format", "docx", "-o", str(target))
    text, _t, _d = _docx_text(target.read_bytes())
    assert "toàn tỉnh có 5 mô hình, điển hình đăng ký" in text


def test_report_command_says_what_is_wrong(world: World, tmp_path: Any) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có đơn vị mã “XX”"):
        call_command("report", "--unit", "XX", "--from", "2025", "--to", "2025", "-o", str(tmp_path / "a.docx"))
    with pytest.raises(CommandError, match="Năm kết thúc phải bằng hoặc sau năm bắt đầu"):
        call_command("report", "--unit", "P1", "--from", "2025", "--to", "2020", "-o", str(tmp_path / "a.docx"))


def test_rebuild_counts_command(world: World) -> None:
    build(world)
    out = io.StringIO()
    call_command("rebuild_counts", stdout=out)
    assert "Đã tính lại số đếm thống kê" in out.getvalue()
    assert scope_stats(unit=world.province, period=Period(2025, 2025)).registered.total == 5


# ------------------------------------------------------------------ service


def test_report_request_refuses_bad_input_and_outsiders(world: World) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError) as exc:
        report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2020, format="doc", layout="x")
    assert set(exc.value.message_dict) == {"format", "layout", "year_to"}
    with pytest.raises(PermissionDenied):
        report_request(by=world.outsider, unit=world.province, year_from=2025, year_to=2025, format="docx")
    assert not Report.objects.exists()


# ------------------------------------------------------------------ views


def test_dashboard_query_count_and_content(world: World, django_assert_num_queries: Any) -> None:
    build(world)
    client = world.client_for(world.viewer)
    url = reverse("reports-dashboard", args=["P1"]) + "?tu=2021&den=2025"
    client.get(url)  # warm the session
    cache.clear()
    # session, user, unit, memberships, statistics version, dissolved predecessors (2: the scope
    # widens once, by D01), count rows of both periods, awards, child units with the breadcrumbs,
    # child totals, measured results, fields, the units the "go to a unit" picker lists
    with django_assert_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Theo lĩnh vực" in html
    assert reverse("reports-dashboard", args=["C1"]) + "?tu=2021&amp;den=2025" in html
    assert "Huyện Lạc Sơn Cũ" in html
    assert "Thống kê" in html  # the menu entry
    # opened again: the figures come from the cache (session, user, unit, memberships, version, the
    # picker's units)
    with django_assert_num_queries(6):
        again = client.get(url).content.decode()
    assert again.count("<tr>") == html.count("<tr>")


def test_the_cached_dashboard_follows_every_write(world: World) -> None:
    build(world)
    client = world.client_for(world.viewer)
    url = reverse("reports-dashboard", args=["P1"]) + "?tu=2021&den=2025"

    def registered() -> str:
        html = client.get(url).content.decode()
        return re.search(r'<p class="figure">([0-9.]+)</p>', html).group(1)  # the first headline

    before = registered()
    assert registered() == before  # served from the cache
    registered_initiative(world, year=2024)
    assert int(registered()) == int(before) + 1
    # a renamed unit is shown with its new name at once
    world.commune.name = "Xã Đông Hòa Mới"
    world.commune.save(update_fields=["name"])
    assert "Xã Đông Hòa Mới" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "query", ["?nam=abc", "?tu=2025", "?tu=2025&den=2020", "?nam=1900", "?giai_doan=1999-2000", "?nam=2025&ky=xx"]
)
def test_dashboard_bad_period_says_what_is_wrong(world: World, query: str) -> None:
    response = world.client_for(world.viewer).get(reverse("reports-dashboard", args=["P1"]) + query)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_dashboard_home_redirects_to_the_users_scope(world: World) -> None:
    response = world.client_for(world.officer).get(reverse("reports-home") + "?nam=2025")
    assert response.url == reverse("reports-dashboard", args=["C1-V1"]) + "?nam=2025"


def test_outsiders_are_refused_everywhere(world: World, client: Any) -> None:
    build(world)
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    outsider = world.client_for(world.outsider)
    assert outsider.get(reverse("reports-dashboard", args=["P1"])).status_code == 403
    assert outsider.get(reverse("reports-dashboard", args=["C1"])).status_code == 403
    assert (
        outsider.post(reverse("reports-create", args=["P1"]), {"format": "docx", "layout": "state"}).status_code == 403
    )
    assert outsider.get(reverse("reports-status", args=[report.pk])).status_code == 404
    assert outsider.get(reverse("reports-download", args=[report.pk])).status_code == 404
    assert outsider.get(reverse("reports-dashboard", args=["NOPE"])).status_code == 404
    # anonymous: to the login page
    for url in (
        reverse("reports-home"),
        reverse("reports-dashboard", args=["P1"]),
        reverse("reports-status", args=[report.pk]),
        reverse("reports-download", args=[report.pk]),
    ):
        assert client.get(url).status_code == 302
    assert client.post(reverse("reports-create", args=["P1"])).status_code == 302
    # a person without any role has no dashboard
    from tests.conftest import make_user

    nobody = world.client_for(make_user("khongvaitro", "Không Vai Trò"))
    assert nobody.get(reverse("reports-home")).status_code == 403


def test_report_button_queues_and_shows_progress(world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = world.client_for(world.viewer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("reports-create", args=["P1"]) + "?nam=2025",
            {"format": "xlsx", "layout": "party"},
            headers={"HX-Request": "true"},
        )
    report = Report.objects.get()
    assert (report.owner, report.format, report.layout, report.year_from) == (
        world.viewer,
        "xlsx",
        "party",
        2025,
    )
    html = response.content.decode()
    assert f'hx-get="{reverse("reports-status", args=[report.pk])}"' in html and "every 2s" in html
    # bad input: a message, nothing queued
    response = client.post(reverse("reports-create", args=["P1"]), {"format": "exe"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and Report.objects.count() == 1


def test_report_asked_without_htmx_shows_its_status_on_the_dashboard(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """Scripts not loaded yet (a slow link) or none: the form posts as a page and the page names the report."""
    client = world.client_for(world.viewer)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("reports-create", args=["P1"]) + "?nam=2025", {"format": "docx", "layout": "state"}
        )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("reports-dashboard", args=["P1"]) + f"?nam=2025&bao_cao={report.pk}"
    html = client.get(response.url).content.decode()
    assert f'hx-get="{reverse("reports-status", args=[report.pk])}"' in html
    assert "Xem lại tình trạng" in html
    # another person's report by its number: not found, nothing of it shown
    other = world.client_for(world.province_admin)
    assert other.get(reverse("reports-dashboard", args=["P1"])).status_code == 200
    assert other.get(response.url).status_code == 404
    # bad input without htmx: back to the dashboard with the reason, nothing queued
    response = client.post(reverse("reports-create", args=["P1"]) + "?nam=2025", {"format": "exe"}, follow=True)
    assert Report.objects.count() == 1
    assert "exe" in response.content.decode()


def test_report_download_not_ready_is_404(world: World) -> None:
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="docx")
    response = world.client_for(world.viewer).get(reverse("reports-download", args=[report.pk]))
    assert response.status_code == 404


def test_child_rows_of_the_commune_are_its_villages(world: World) -> None:
    build(world)
    stats = scope_stats(unit=world.commune, period=Period(2025, 2025))
    rows = child_rows(unit=world.commune, period=Period(2025, 2025), paths=stats.paths, stats=stats)
    assert [(r.unit.code if r.unit else None, r.registered, r.recognized) for r in rows] == [
        ("C1-V1", 3, 0),
        ("C1-V2", 2, 2),
    ]


def test_download_answers_the_token_that_asked(world: World, client: Any) -> None:
    from django.core.files.base import ContentFile

    from danvan.api.services import api_token_create

    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="xlsx")
    report.file.save("x.xlsx", ContentFile(b"PK-test"), save=False)
    report.status = Report.Status.DONE
    report.save(update_fields=["file", "status", "updated_at"])
    url = reverse("reports-download", args=[report.pk])
    _row, token = api_token_create(user=world.viewer)
    response = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK-test"
    _row, other = api_token_create(user=world.approver)
    assert client.get(url, headers={"Authorization": f"Bearer {other}"}).status_code == 404
    assert client.get(url, headers={"Authorization": "Bearer sai-ma"}).status_code == 401


def test_a_failing_generation_is_recorded_as_failed(world: World) -> None:
    from danvan.reports.services import report_generate

    report = Report.objects.create(owner=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="odt")
    with pytest.raises(KeyError):
        report_generate(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error.startswith("Không tạo được báo cáo")


def test_report_status_query_count(world: World, django_assert_num_queries: Any) -> None:
    report = report_request(by=world.viewer, unit=world.province, year_from=2025, year_to=2025, format="pdf")
    client = world.client_for(world.viewer)
    client.get(reverse("reports-status", args=[report.pk]))
    # session, user, the report with its unit, memberships (the menu's context processor runs on fragments too),
    # the workers' signs of life (a queued report says whether a worker is running)
    with django_assert_num_queries(5):
        response = client.get(reverse("reports-status", args=[report.pk]))
    assert "Đang chờ" in response.content.decode()


def test_the_child_table_escapes_what_people_wrote(world: World) -> None:
    build(world)
    world.commune.name = 'Xã <script>alert("x")</script> & Co'
    world.commune.save(update_fields=["name"])
    url = reverse("reports-dashboard", args=["P1"]) + "?tu=2021&den=2025"
    html = world.client_for(world.viewer).get(url).content.decode()
    assert "Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "<script>alert" not in html


def test_the_leader_goes_to_a_units_figures_by_its_name_in_the_same_period(world: World) -> None:
    client = world.client_for(world.viewer)
    page = reverse("reports-dashboard", args=["P1"])
    # the picker on the province's page takes the commune and keeps the period
    response = client.get(page, {"nam": "2025", "ky": "6t", "don_vi": "C1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports-dashboard", args=["C1"]) + "?nam=2025&ky=6t"
    # without JavaScript, the picker's own search lists the units named so, on the same page and period
    html = client.get(page, {"nam": "2025", "_unit_search": "don_vi", "don_vi__search": "doan ket"}).content.decode()
    assert "Tìm thấy 1 đơn vị tên có “doan ket”" in html and "Thôn Đoàn Kết (Xã Đông Hòa)" in html
    assert 'name="nam" value="2025"' in html
    # a unit outside the viewer's scope is refused on the field, and the page stays the viewer's own
    outsider = world.client_for(world.outsider)
    response = outsider.get(reverse("reports-dashboard", args=["C2"]), {"don_vi": "C1"})
    assert response.status_code == 200 and "Phường Tây Sơn" in response.content.decode()
    assert "Xã Đông Hòa" not in response.content.decode()
    assert "phạm vi" in response.content.decode()
