"""Found walking the product as each role (issue #16, second walk): no page offers a link its reader
would be refused at, every error page says in Vietnamese what happened and gives a way on, and the
words on the pages name what is on the screen."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.defaults import server_error

from danvan.library.models import PublicEntry
from tests.awards_helpers import make_decision
from tests.conftest import PASSWORD, registered_initiative
from tests.library_helpers import public_initiative
from tests.test_initiatives_views import form_post

pytestmark = pytest.mark.django_db


# --- error pages ---------------------------------------------------------------------------------


def test_an_unknown_address_gets_a_vietnamese_page_with_a_way_home(world) -> None:
    response = world.client_for(world.officer).get("/khong-co-trang-nay/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in body
    assert "Resolver404" not in body and "Not Found" not in body
    assert f'href="{reverse("core-home")}"' in body
    assert "Đỗ Thị Hoa" in body  # the page keeps the site's header: the person is still signed in


def test_a_gates_not_found_message_is_shown(world) -> None:
    response = world.client_for(world.officer).get(reverse("reports-dashboard", args=["KHONG-CO"]))
    assert response.status_code == 404
    assert "Không có đơn vị mã “KHONG-CO”" in response.content.decode()


def test_a_refusal_says_why_and_gives_a_way_on(world) -> None:
    # when the village officer opens the province's dashboard
    response = world.client_for(world.officer).get(reverse("reports-dashboard", args=["P1"]))
    body = response.content.decode()
    # then the page names the unit they have no right to, advises, and links home, in Vietnamese
    assert response.status_code == 403
    assert "Không có quyền xem trang này" in body
    assert "Bạn không có quyền với đơn vị “Tỉnh Hòa Bình Mẫu”." in body
    assert "quản trị viên đơn vị" in body
    assert f'href="{reverse("core-home")}"' in body
    assert "403 Forbidden" not in body


def test_a_refusal_in_english(world) -> None:
    client = world.client_for(world.officer)
    client.cookies.load({"django_language": "en"})
    body = client.get(reverse("reports-dashboard", args=["P1"])).content.decode()
    assert "You may not see this page" in body
    assert "Không có quyền" not in body


def test_a_form_refused_by_its_csrf_check_says_what_to_do(world) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts-login"), {"username": "thon.canbo", "password": PASSWORD})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Chưa gửi được biểu mẫu" in body and "tải lại trang" in body
    assert "CSRF verification failed" not in body


def test_a_server_error_page_is_vietnamese_without_the_request_context() -> None:
    response = server_error(RequestFactory().get("/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Máy chủ gặp lỗi" in body and "báo quản trị viên" in body
    assert "Server Error" not in body


# --- links a reader would be refused at ------------------------------------------------------------


def test_the_dashboard_names_units_above_the_scope_without_linking_them(world) -> None:
    # when the village officer opens their village's dashboard
    body = world.client_for(world.officer).get(reverse("reports-dashboard", args=["C1-V1"])).content.decode()
    # then the commune, the province and the centre are named, not linked (their dashboards refuse them)
    crumbs = body.split('class="muted crumbs"')[1].split("</nav>")[0]
    assert "Xã Đông Hòa" in crumbs and "Tỉnh Hòa Bình Mẫu" in crumbs
    assert "<a " not in crumbs
    # and the commune's reviewer gets a link to their commune, not to the province above
    body = world.client_for(world.commune_reviewer).get(reverse("reports-dashboard", args=["C1-V1"])).content.decode()
    crumbs = body.split('class="muted crumbs"')[1].split("</nav>")[0]
    assert reverse("reports-dashboard", args=["C1"]) in crumbs
    assert reverse("reports-dashboard", args=["P1"]) not in crumbs


def test_only_those_who_may_draw_up_a_decision_are_offered_it(world) -> None:
    make_decision(world, issue=True)
    create = reverse("awards-decision-create")
    for user in (world.commune_reviewer, world.viewer, world.officer):
        client = world.client_for(user)
        assert create not in client.get(reverse("awards-decision-list")).content.decode(), user.username
        assert client.get(create).status_code == 403
    assert create in world.client_for(world.approver).get(reverse("awards-decision-list")).content.decode()


def test_the_full_registration_form_is_offered_only_to_those_who_may_register(world) -> None:
    initiative = public_initiative(world, "Camera an ninh Thôn Đoàn Kết")
    assert PublicEntry.objects.filter(initiative=initiative).exists()
    page = reverse("library-replicate", args=[initiative.public_key])
    # the province's leader registers nothing: no link to a form that would refuse them
    body = world.client_for(world.viewer).get(page).content.decode()
    assert "Mở phiếu đăng ký đầy đủ" not in body and "replicated_from" not in body
    assert "chưa là cán bộ hoặc quản trị của đơn vị nào" in body
    # the officer of another commune gets it, and it opens
    client = world.client_for(world.outsider)
    body = client.get(page).content.decode()
    assert "Mở phiếu đăng ký đầy đủ" in body
    link = reverse("initiatives-create") + f"?replicated_from={initiative.public_key}"
    assert client.get(link).status_code == 200


# --- words -------------------------------------------------------------------------------------------


def test_the_similar_title_warning_names_the_forms_buttons(world) -> None:
    registered_initiative(world, title="Mô hình Camera an ninh ở Thôn Đoàn Kết")
    client = world.client_for(world.officer)
    data = {**form_post(world, title="Mô hình camera an ninh ở thôn Đoàn Kết"), "send": "1"}
    body = client.post(reverse("initiatives-create"), data).content.decode()
    assert "rồi bấm “Lưu nháp” hoặc “Gửi” lần nữa" in body
    assert "Đăng ký lần nữa" not in body  # the form has no such button


def test_an_issued_decision_says_issued_once(world) -> None:
    decision = make_decision(world, issue=True)
    body = world.client_for(world.approver).get(reverse("awards-decision-detail", args=[decision.pk])).content.decode()
    assert "Đã ban hành</span>" in body
    assert "ban hành lúc" not in body
    assert f"lúc {timezone.localtime(decision.issued_at):%d/%m/%Y}" in body.replace("\n", " ")


# --- irreversible actions ask first ------------------------------------------------------------------


def test_submitting_a_proposal_to_the_council_asks_first(world) -> None:
    from danvan.proposals.models import ProposalStatus
    from tests.proposals_helpers import commune_proposal, three_models, upload_before_vote

    # given a complete draft proposal of the commune
    proposal = commune_proposal(world, three_models(world))
    upload_before_vote(world, proposal)
    client = world.client_for(world.commune_approver)
    submit = reverse("proposals-submit", args=[proposal.pk])
    # when its approver presses "Trình hội đồng"
    response = client.post(submit)
    body = response.content.decode()
    # then a page says what will happen, and nothing happened yet
    assert response.status_code == 200
    assert "Xác nhận trình hội đồng" in body
    said = "Đề nghị 45/TTr-UBND của xã Đông Hòa sẽ được trình hội đồng thi đua, khen thưởng của tỉnh Hòa Bình Mẫu."
    assert said in body
    assert "không sửa được nữa" in body
    assert f'href="{reverse("proposals-detail", args=[proposal.pk])}"' in body  # back, nothing done
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT
    # when they confirm, it is submitted
    response = client.post(submit, {"confirmed": "1"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_an_incomplete_proposal_is_refused_without_asking(world) -> None:
    from danvan.proposals.models import ProposalStatus
    from tests.proposals_helpers import commune_proposal, three_models

    proposal = commune_proposal(world, three_models(world))
    client = world.client_for(world.commune_approver)
    response = client.post(reverse("proposals-submit", args=[proposal.pk]), follow=True)
    body = response.content.decode()
    assert "Xác nhận trình hội đồng" not in body
    assert "Hồ sơ còn thiếu" in body
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DRAFT


# --- a form refused says so at its top -------------------------------------------------------------------

SUMMARY = "Chưa lưu được: hãy sửa các chỗ báo lỗi bên dưới. Những gì bạn đã nhập vẫn được giữ."


@pytest.mark.parametrize(
    "route",
    [
        "awards-decision-create",
        "conferences-create",
        "proposals-create",
        "proposals-council-create",
        "keytasks-create",
        "rounds-create",
        "movements-programme-create",
    ],
)
def test_a_refused_form_says_so_at_its_top(world, route) -> None:
    # when the province's admin sends a form with nothing filled in (a field the form does not know: the
    # request is a submission, not the page opened)
    response = world.client_for(world.province_admin).post(reverse(route), {"_": ""})
    body = response.content.decode()
    # then the page says, before the form, that nothing was saved and why
    assert response.status_code in (200, 400), response.status_code
    assert SUMMARY in body
    assert body.index(SUMMARY) < body.index('<form method="post" class="stacked')


def test_a_form_shown_again_by_its_filter_does_not_say_refused(world) -> None:
    # the decision form's "Lọc" button re-shows the recipients: nothing was meant to be saved
    response = world.client_for(world.approver).post(reverse("awards-decision-create"), {"loc-apply": "1"})
    assert SUMMARY not in response.content.decode()


def test_the_public_finds_the_certificate_check_from_any_page(world) -> None:
    from django.test import Client

    lookup = reverse("awards-verify-lookup")
    for page in (reverse("core-home"), reverse("library-index")):
        body = Client().get(page).content.decode()
        assert f'<a href="{lookup}">Xác thực giấy khen</a>' in body, page
    assert Client().get(lookup).status_code == 200


def test_the_new_user_form_says_the_rules_before_the_first_try(world) -> None:
    body = world.client_for(world.province_admin).get(reverse("accounts-user-create")).content.decode()
    assert "ví dụ xa.canbo2." in body  # what a user name may hold
    assert "ít nhất 8 ký tự" in body and "hoàn toàn bằng số" in body  # the password validators' rules


def test_the_province_queue_says_the_level_already_recognised_in_lower_case(world) -> None:
    from danvan.initiatives.services import initiative_act
    from tests.conftest import score_sheet

    # given a model the commune recognised and forwarded to the province
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    initiative = initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="forward")
    # when the province's approver reads the queue, the level is lower case mid-sentence
    body = world.client_for(world.approver).get(reverse("reviews-queue")).content.decode()
    assert "đã công nhận cấp xã" in body
    assert "đã công nhận Cấp xã" not in body


def test_opening_a_reporting_round_asks_first_saying_how_many_units_are_asked(world) -> None:
    from danvan.rounds.models import IndicatorSet, ReportingRound, Submission

    client = world.client_for(world.approver)
    data = {
        "unit": "P1",
        "title": "Báo cáo sơ kết 6 tháng đầu năm 2026",
        "date_from": "01/01/2026",
        "date_to": "30/06/2026",
        "due": "10/07/2026",
        "indicator_set": IndicatorSet.objects.order_by("pk").first().pk,
    }
    # when the province's approver presses "Mở đợt báo cáo"
    response = client.post(reverse("rounds-create"), data)
    body = response.content.decode()
    # then the page says who will be asked and by when, and nothing is opened yet
    assert response.status_code == 200
    assert "Xác nhận mở đợt báo cáo" in body
    assert (
        "Đợt “Báo cáo sơ kết 6 tháng đầu năm 2026” sẽ yêu cầu 2 đơn vị trực thuộc tỉnh Hòa Bình Mẫu gửi báo cáo "
        "kỳ 01/01/2026 - 30/06/2026, hạn 10/07/2026" in body
    )
    assert not ReportingRound.objects.exists()
    # when they confirm, the round is opened for both communes
    response = client.post(reverse("rounds-create"), {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert Submission.objects.filter(round__title=data["title"]).count() == 2


def test_taking_a_model_out_of_the_library_asks_first(world) -> None:
    from danvan.library.models import Withheld

    initiative = public_initiative(world, "Camera an ninh Thôn Đoàn Kết")
    url = reverse("library-withhold", args=[initiative.public_key])
    client = world.client_for(world.officer)
    # when the village officer presses "Đưa ra khỏi thư viện công khai"
    body = client.post(url, {"reason": "Ảnh có trẻ em"}).content.decode()
    # then the page says what happens and that no page lets it back; the reason typed is carried on
    assert "Xác nhận đưa ra khỏi thư viện công khai" in body
    assert "“Camera an ninh Thôn Đoàn Kết” sẽ không còn hiện trên thư viện công khai" in body
    assert 'name="reason" value="Ảnh có trẻ em"' in body
    assert not Withheld.objects.exists()
    # when they confirm, it is withheld with the reason
    assert client.post(url, {"reason": "Ảnh có trẻ em", "confirmed": "1"}).status_code == 302
    assert Withheld.objects.get().reason == "Ảnh có trẻ em"


def test_the_demo_communes_contact_office_is_written_mid_sentence(migrated_rows: None) -> None:
    # migrated_rows: the demo needs the fields and criteria, gone after a transactional test's flush
    from danvan.orgs.loading import load_units
    from danvan.site.demo import library as library_demo
    from danvan.site.demo import orgs as orgs_demo

    load_units()
    orgs_demo.seed()
    library_demo.seed()
    commune = library_demo._unit("commune")
    assert commune.contact_office == f"Văn phòng Đảng ủy xã {commune.name.removeprefix('Xã ')}"
    assert "Đảng ủy Xã" not in commune.contact_office


def test_the_dashboards_days_are_typed_day_first(world) -> None:
    client = world.client_for(world.viewer)
    url = reverse("reports-dashboard", args=["P1"])
    # a link written yyyy-mm-dd shows the days as a Vietnamese form writes them, in a text box
    body = client.get(url, {"tu_ngay": "2025-07-01", "den_ngay": "2026-06-30"}).content.decode()
    assert 'name="tu_ngay" value="01/07/2025"' in body and 'name="den_ngay" value="30/06/2026"' in body
    assert 'type="date"' not in body  # the browser's picker shows mm/dd/yyyy in an English browser
    # and the days typed dd/mm/yyyy give the same period
    title = body.split("<h1>")[1].split("</h1>")[0]
    typed = client.get(url, {"tu_ngay": "01/07/2025", "den_ngay": "30/06/2026"}).content.decode()
    assert typed.split("<h1>")[1].split("</h1>")[0] == title
    assert "2025" in title and "2026" in title


def test_revoking_a_role_asks_first_and_warns_when_it_is_ones_own(world) -> None:
    from danvan.orgs.models import Membership

    client = world.client_for(world.province_admin)
    # another person's role: the page names it, says it can be granted again, and nothing is revoked yet
    role = Membership.objects.get(user=world.officer)
    body = client.post(reverse("accounts-user-detail", args=[world.officer.pk]), {"revoke": role.pk}).content.decode()
    assert "Xác nhận thu hồi vai trò" in body
    assert "Vai trò “Cán bộ đơn vị — Thôn Đoàn Kết” của Đỗ Thị Hoa sẽ bị thu hồi" in body
    assert "Bạn có thể giao lại vai trò này" in body
    assert Membership.objects.filter(pk=role.pk).exists()
    # one's own admin role: the page warns that only another admin can give it back
    own = Membership.objects.get(user=world.province_admin)
    page = reverse("accounts-user-detail", args=[world.province_admin.pk])
    body = client.post(page, {"revoke": own.pk}).content.decode()
    assert "Đây là vai trò của chính bạn" in body
    assert Membership.objects.filter(pk=own.pk).exists()
    # confirmed, it is revoked
    client.post(reverse("accounts-user-detail", args=[world.officer.pk]), {"revoke": role.pk, "confirmed": "1"})
    assert not Membership.objects.filter(pk=role.pk).exists()
