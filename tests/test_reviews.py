"""The review queue, score sheets and bulk recognition."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.services import TransitionNotAllowed, initiative_act, initiative_create
from danvan.movements.models import Field
from danvan.movements.selectors import criteria_set_for
from danvan.orgs.models import Membership, Role
from danvan.reviews.models import Review
from danvan.reviews.selectors import QueueFilters, review_queue
from danvan.reviews.services import review_recognize_many, review_save, score_field
from tests.conftest import initiative_data, registered_initiative, score_sheet, with_evidence


def under_review(world, **overrides) -> Initiative:
    return initiative_act(by=world.officer, initiative=registered_initiative(world, **overrides), action="submit")


def full_scores(initiative: Initiative, value: int = 8) -> dict[int, int | None]:
    criteria = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id).criteria.all()
    return {c.pk: value for c in criteria}


# --- queue ---------------------------------------------------------------------------------


def test_queue_is_addressed_to_the_level_and_scope(world) -> None:
    at_commune = under_review(world)
    other = initiative_create(
        by=world.outsider, data=initiative_data(world, unit=world.other_commune, title="Phường Tây Sơn"), register=True
    )
    with_evidence(world, other, by=world.outsider)
    other = initiative_act(by=world.outsider, initiative=other, action="submit")
    ids = lambda user: set(review_queue(user=user, filters=QueueFilters()).values_list("pk", flat=True))  # noqa: E731
    assert ids(world.commune_reviewer) == {at_commune.pk}
    assert ids(world.commune_approver) == {at_commune.pk}
    assert ids(world.approver) == set()  # not yet at province level
    assert ids(world.officer) == set()
    # forwarded: now the province's, no longer the commune's
    initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, at_commune), action="recognize"
    )
    initiative_act(by=world.commune_reviewer, initiative=at_commune, action="forward")
    assert ids(world.approver) == {at_commune.pk}
    assert ids(world.commune_reviewer) == set()
    assert other.pk not in ids(world.commune_reviewer)


def test_queue_excludes_conflicts_of_interest(world) -> None:
    initiative = under_review(world)
    Membership.objects.create(user=world.commune_reviewer, unit=world.village, role=Role.OFFICER)
    from danvan.orgs.access import forget_roles

    forget_roles(world.commune_reviewer)
    assert not review_queue(user=world.commune_reviewer, filters=QueueFilters()).filter(pk=initiative.pk).exists()


def test_queue_filters_and_not_yet_scored(world) -> None:
    first = under_review(world)
    second = under_review(world, title="Tuyến phố văn minh", field=Field.objects.get(code="culture_society"))
    review_save(by=world.commune_reviewer, initiative=first, scores=full_scores(first))
    client = world.client_for(world.commune_reviewer)
    page = client.get(reverse("reviews-queue"), {"unscored": "on"}).context["page"]
    assert [i.pk for i in page] == [second.pk]
    page = client.get(reverse("reviews-queue"), {"field": "economy"}).context["page"]
    assert [i.pk for i in page] == [first.pk]
    assert page[0].my_total == Decimal("80.00")


@pytest.mark.parametrize("who", ["officer", "outsider", "viewer"])
def test_queue_refused_to_non_reviewers(world, who) -> None:
    client = world.client_for(getattr(world, who))
    assert client.get(reverse("reviews-queue")).status_code == 403
    assert client.post(reverse("reviews-bulk-recognize"), {"ids": ["1"]}).status_code == 403


def test_queue_query_count_on_ten_thousand(world, django_assert_num_queries) -> None:
    field = Field.objects.get(code="economy")
    Initiative.objects.bulk_create(
        [
            Initiative(
                title=f"Mô hình số {i}",
                kind="collective",
                field=field,
                unit=world.village,
                year=2026,
                registered_level="commune",
                status=Status.UNDER_REVIEW,
                review_level="commune",
                search_text=f"mo hinh so {i}",
                public_key=f"q{i}",
            )
            for i in range(10_000)
        ],
        batch_size=1000,
    )
    client = world.client_for(world.commune_reviewer)
    # session, user, memberships, filter units (options), fields (options), count, page of rows with my scores
    with django_assert_num_queries(7):
        response = client.get(reverse("reviews-queue"), {"page": "7", "unscored": "on"})
    assert response.context["page"].paginator.count == 10_000
    with django_assert_num_queries(7):
        client.get(reverse("reviews-queue"), {"page": "1"})


# --- score sheet ---------------------------------------------------------------------------


def test_score_sheet_weighted_total_and_correction(world) -> None:
    initiative = under_review(world)
    review = review_save(
        by=world.commune_reviewer, initiative=initiative, scores=full_scores(initiative, 10), comment="Tốt"
    )
    assert (review.total, review.max_total, review.percent) == (Decimal(100), Decimal(100), Decimal("100.0"))
    review = review_save(by=world.commune_reviewer, initiative=initiative, scores=full_scores(initiative, 5))
    assert Review.objects.count() == 1 and review.total == Decimal(50)
    assert review.scores.count() == 5
    assert initiative.events.filter(action="score").count() == 2


def test_the_score_note_is_stored_in_vietnamese_and_read_in_the_readers_language(world, settings) -> None:
    # given a score sheet saved by a reviewer who works in English
    initiative = under_review(world)
    with translation.override("en"):
        review_save(by=world.commune_reviewer, initiative=initiative, scores=full_scores(initiative, 10), comment="Tốt")
    # then the audit row holds the system's words in the site's language, the reviewer's as written
    assert initiative.events.get(action="score").note == "Tổng điểm 100,00/100,00. Tốt"
    # and the timeline says them in the language of whoever reads it
    client = world.client_for(world.officer)
    assert "Tổng điểm 100,00/100,00. Tốt" in client.get(f"/mo-hinh/{initiative.pk}/").content.decode()
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    page = client.get(f"/mo-hinh/{initiative.pk}/").content.decode()
    assert "Total score 100,00/100,00. Tốt" in page and "Tổng điểm" not in page


def test_score_out_of_range_is_refused_in_vietnamese_and_input_kept(world) -> None:
    initiative = under_review(world)
    scores = full_scores(initiative)
    first = next(iter(scores))
    client = world.client_for(world.commune_reviewer)
    data = {score_field(pk): 7 for pk in scores} | {score_field(first): 12, "comment": "Cần thêm minh chứng"}
    response = client.post(reverse("reviews-score", args=[initiative.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Điểm 12 nằm ngoài thang điểm: hãy nhập từ 0 đến 10." in body
    assert "Cần thêm minh chứng" in body
    assert not Review.objects.exists()
    with pytest.raises(ValidationError):
        review_save(by=world.commune_reviewer, initiative=initiative, scores={**scores, first: -1})


def test_score_page_saves_and_shows_decisions(world) -> None:
    initiative = under_review(world)
    client = world.client_for(world.commune_reviewer)
    data = {score_field(pk): 9 for pk in full_scores(initiative)} | {"comment": "Đạt"}
    response = client.post(reverse("reviews-score", args=[initiative.pk]), data)
    assert response.status_code == 302
    body = client.get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    assert 'value="recognize"' in body and 'value="return"' in body
    assert "90/100" in body


def test_recognition_needs_the_levels_score_sheet(world) -> None:
    initiative = under_review(world)
    with pytest.raises(TransitionNotAllowed) as exc:
        initiative_act(by=world.commune_approver, initiative=initiative, action="recognize")
    assert exc.value.message == (
        f"Chưa công nhận được “{initiative.title}”: chưa có phiếu chấm điểm cấp xã. "
        "Hãy chấm điểm theo tiêu chí trước khi công nhận."
    )
    client = world.client_for(world.commune_approver)
    # not offered on the score page nor on the initiative's page; the score page says why
    body = client.get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    assert 'value="recognize"' not in body and 'value="return"' in body
    assert "Nút “Công nhận” hiện ra khi cấp đang bình xét đã có phiếu chấm điểm." in body
    body = client.get(reverse("initiatives-detail", args=[initiative.pk])).content.decode()
    assert 'value="recognize"' not in body and reverse("reviews-score", args=[initiative.pk]) in body
    # a hand-made post is refused with the reason, nothing written
    response = client.post(reverse("initiatives-act", args=[initiative.pk]), {"action": "recognize"}, follow=True)
    assert "chưa có phiếu chấm điểm cấp xã" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW and not initiative.events.filter(action="recognize").exists()
    # a reviewer's sheet at this level is enough for the approver to recognise
    score_sheet(world.commune_reviewer, initiative)
    assert 'value="recognize"' in client.get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    assert initiative_act(by=world.commune_approver, initiative=initiative, action="recognize").status == "recognized"


@pytest.mark.parametrize("typed", ["8,5", "8.5", " 8,50 "])
def test_decimal_comma_or_point_is_a_score(world, typed) -> None:
    initiative = under_review(world)
    client = world.client_for(world.commune_reviewer)
    data = {score_field(pk): typed for pk in full_scores(initiative)}
    response = client.post(reverse("reviews-score", args=[initiative.pk]), data)
    assert response.status_code == 302
    review = Review.objects.get()
    assert {s.score for s in review.scores.all()} == {Decimal("8.5")}
    assert (review.total, review.max_total) == (Decimal(85), Decimal(100))
    body = client.get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    assert 'value="8,5"' in body  # the sheet shows the score back the Vietnamese way
    assert '<output id="score-total">85</output>' in body and "trên tối đa 100" in body
    assert "8,5/10" in body


@pytest.mark.parametrize(
    "typed,message",
    [
        ("8,555", "Điểm 8,555 nằm ngoài thang điểm"),
        ("10,5", "Điểm 10,5 nằm ngoài thang điểm: hãy nhập từ 0 đến 10. Tiêu chí “"),
        ("tám", "”: hãy nhập một số từ 0 đến 10, ví dụ 8 hoặc 8,5."),
        ("8,5,1", "ví dụ 8 hoặc 8,5."),
    ],
)
def test_bad_scores_name_the_criterion_and_its_range(world, typed, message) -> None:
    initiative = under_review(world)
    criteria = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id).criteria.all()
    first = criteria[0]
    data = {score_field(c.pk): "8" for c in criteria} | {score_field(first.pk): typed}
    response = world.client_for(world.commune_reviewer).post(reverse("reviews-score", args=[initiative.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body and first.name in body
    assert not Review.objects.exists()


def test_outsider_cannot_open_or_score(world) -> None:
    initiative = under_review(world)
    client = world.client_for(world.outsider)
    assert client.get(reverse("reviews-score", args=[initiative.pk])).status_code == 404
    data = {score_field(pk): 9 for pk in full_scores(initiative)}
    assert client.post(reverse("reviews-score", args=[initiative.pk]), data).status_code == 404
    with pytest.raises(PermissionDenied):
        review_save(by=world.outsider, initiative=initiative, scores=full_scores(initiative))


def test_viewer_of_the_province_cannot_score(world) -> None:
    initiative = under_review(world)
    assert world.client_for(world.viewer).get(reverse("reviews-score", args=[initiative.pk])).status_code == 403


def test_reviewer_cannot_score_a_wrong_level(world) -> None:
    initiative = under_review(world)
    with pytest.raises(PermissionDenied):
        review_save(by=world.approver, initiative=initiative, scores=full_scores(initiative))


# --- bulk recognition ----------------------------------------------------------------------


def test_approver_recognises_many_at_once(world) -> None:
    rows = [score_sheet(world.commune_reviewer, under_review(world, title=f"Mô hình {i}")) for i in range(3)]
    outside = initiative_act(
        by=world.outsider,
        initiative=with_evidence(
            world,
            initiative_create(
                by=world.outsider, data=initiative_data(world, unit=world.other_commune, title="Khác"), register=True
            ),
            by=world.outsider,
        ),
        action="submit",
    )
    client = world.client_for(world.commune_approver)
    ids = [str(r.pk) for r in rows] + [str(outside.pk)]
    response = client.post(reverse("reviews-bulk-recognize"), {"ids": ids, "confirmed": "1"})
    assert response.status_code == 302
    assert set(Initiative.objects.filter(status="recognized").values_list("pk", flat=True)) == {r.pk for r in rows}
    outside.refresh_from_db()
    assert outside.status == Status.UNDER_REVIEW
    assert all(r.events.filter(action="recognize", by=world.commune_approver).exists() for r in rows)


def test_bulk_recognises_the_scored_and_names_the_unscored(world, django_assert_max_num_queries) -> None:
    scored = [score_sheet(world.commune_reviewer, under_review(world, title=f"Mô hình đã chấm {i}")) for i in range(2)]
    unscored = under_review(world, title="Mô hình chưa chấm")
    outcome = review_recognize_many(by=world.commune_approver, initiative_ids=[unscored.pk])
    assert (outcome.done, [i.pk for i in outcome.unscored]) == ([], [unscored.pk])
    client = world.client_for(world.commune_approver)
    ids = [str(i.pk) for i in [*scored, unscored]]
    # the first press lists what will be recognised and what will be left as it is
    asked = client.post(reverse("reviews-bulk-recognize"), {"ids": ids, "note": "Đạt"}).content.decode()
    assert "Xác nhận công nhận 2 mô hình" in asked and "Mô hình đã chấm 0 — Thôn Đoàn Kết" in asked
    assert "Mô hình chưa chấm — chưa có phiếu chấm điểm, chưa công nhận được" in asked
    assert 'name="note" value="Đạt"' in asked and asked.count('name="ids"') == 3
    assert not Initiative.objects.filter(status="recognized").exists()
    response = client.post(reverse("reviews-bulk-recognize"), {"ids": ids, "confirmed": "1"}, follow=True)
    body = response.content.decode()
    assert "Đã công nhận 2 mô hình." in body
    assert "Không công nhận 1 mô hình chưa có phiếu chấm điểm: “Mô hình chưa chấm”." in body
    assert "các mô hình đã chấm trong lượt chọn vẫn được công nhận" in body
    assert set(Initiative.objects.filter(status="recognized").values_list("pk", flat=True)) == {i.pk for i in scored}
    unscored.refresh_from_db()
    assert unscored.status == Status.UNDER_REVIEW and not unscored.events.filter(action="recognize").exists()


def test_bulk_recognition_is_for_approvers_only(world) -> None:
    row = under_review(world)
    with pytest.raises(PermissionDenied):
        review_recognize_many(by=world.commune_reviewer, initiative_ids=[row.pk])
    response = world.client_for(world.commune_reviewer).post(reverse("reviews-bulk-recognize"), {"ids": [str(row.pk)]})
    assert response.status_code == 403


def test_bulk_with_nothing_chosen_says_so(world) -> None:
    response = world.client_for(world.commune_approver).post(reverse("reviews-bulk-recognize"), {}, follow=True)
    assert "Hãy đánh dấu ít nhất một mô hình" in response.content.decode()


def test_htmx_queue_filter_returns_only_the_rows(world) -> None:
    under_review(world)
    response = world.client_for(world.commune_reviewer).get(
        reverse("reviews-queue"), {"kind": "collective"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="rows">') and "Đường giao thông nông thôn" in body


# --- the pass mark ---------------------------------------------------------------------------------


def set_pass_mark(initiative: Initiative, mark: int | None, basis: str = "Quy chế bình xét số 12-QC/BCĐ") -> None:
    criteria_set = criteria_set_for(kind=initiative.kind, programme_id=initiative.programme_id)
    criteria_set.pass_mark, criteria_set.pass_mark_basis = mark, basis if mark is not None else ""
    criteria_set.save()


def test_recognition_needs_the_levels_mean_to_reach_the_pass_mark(world) -> None:
    # given a criteria set of 100 points whose regulations set the pass mark at 70
    initiative = score_sheet(world.commune_reviewer, under_review(world), value=6)
    set_pass_mark(initiative, 70)
    # when the approver recognises a model scored 60, it is refused with both figures and what to do
    with pytest.raises(TransitionNotAllowed) as exc:
        initiative_act(by=world.commune_approver, initiative=initiative, action="recognize")
    assert exc.value.message == (
        f"Chưa công nhận được “{initiative.title}”: điểm bình quân của các phiếu chấm cấp xã là 60, dưới điểm đạt "
        "70 (Quy chế bình xét số 12-QC/BCĐ). Hãy xem lại phiếu chấm, hoặc chọn “Không công nhận” và ghi lý do."
    )
    # nothing written, and the button is not offered on the score page, which says the sheet is below
    initiative.refresh_from_db()
    assert initiative.status == Status.UNDER_REVIEW and not initiative.events.filter(action="recognize").exists()
    page = world.client_for(world.commune_reviewer).get(reverse("reviews-score", args=[initiative.pk]))
    body = page.content.decode()
    assert "Điểm đạt: 70" in body and "(Quy chế bình xét số 12-QC/BCĐ)" in body
    assert 'data-pass="70.00"' in body and ">chưa đạt</output>" in body
    approver = world.client_for(world.commune_approver)
    assert 'value="recognize"' not in approver.get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    # a second sheet of 80 at the level brings the mean to 70: it reaches the pass mark
    review_save(by=world.commune_approver, initiative=initiative, scores=full_scores(initiative, 8))
    assert initiative_act(by=world.commune_approver, initiative=initiative, action="recognize").status == "recognized"


def test_without_a_pass_mark_any_score_sheet_is_enough(world) -> None:
    initiative = score_sheet(world.commune_reviewer, under_review(world), value=1)
    set_pass_mark(initiative, None)
    body = world.client_for(world.commune_reviewer).get(reverse("reviews-score", args=[initiative.pk])).content.decode()
    assert "Điểm đạt" not in body
    assert initiative_act(by=world.commune_approver, initiative=initiative, action="recognize").status == "recognized"


def test_bulk_recognition_names_the_models_below_the_pass_mark_and_leaves_them(world) -> None:
    passed = score_sheet(world.commune_reviewer, under_review(world, title="Mô hình đạt"), value=9)
    below = score_sheet(world.commune_reviewer, under_review(world, title="Mô hình chưa đạt"), value=5)
    set_pass_mark(passed, 70)
    client = world.client_for(world.commune_approver)
    ids = [str(passed.pk), str(below.pk)]
    asked = client.post(reverse("reviews-bulk-recognize"), {"ids": ids}).content.decode()
    assert "Xác nhận công nhận 1 mô hình" in asked and "Mô hình đạt — Thôn Đoàn Kết" in asked
    assert "Chưa công nhận được “Mô hình chưa đạt”: điểm bình quân của các phiếu chấm cấp xã là 50" in asked
    body = client.post(reverse("reviews-bulk-recognize"), {"ids": ids, "confirmed": "1"}, follow=True).content.decode()
    assert "Đã công nhận 1 mô hình." in body and "“Mô hình chưa đạt”: điểm bình quân" in body
    assert list(Initiative.objects.filter(status="recognized").values_list("pk", flat=True)) == [passed.pk]
    below.refresh_from_db()
    assert below.status == Status.UNDER_REVIEW and not below.events.filter(action="recognize").exists()


def test_a_pass_mark_needs_the_document_that_sets_it(world) -> None:
    criteria_set = criteria_set_for(kind="collective", programme_id=None)
    criteria_set.pass_mark, criteria_set.pass_mark_basis = Decimal(70), " "
    with pytest.raises(ValidationError) as exc:
        criteria_set.full_clean()
    assert "Hãy ghi văn bản đặt điểm đạt" in str(exc.value.message_dict["pass_mark_basis"])
    criteria_set.pass_mark = Decimal(-1)
    with pytest.raises(ValidationError) as exc:
        criteria_set.full_clean()
    assert "pass_mark" in exc.value.message_dict
