"""Notifications: in the app and by e-mail, to whoever must act or whose initiative changed."""

from django.core import mail
from django.urls import reverse

from danvan.initiatives.services import initiative_act, initiative_create
from danvan.notifications.models import Notification
from tests.conftest import initiative_data, registered_initiative, score_sheet, with_evidence


def test_submitting_tells_the_commune_reviewers_by_app_and_mail(world, django_capture_on_commit_callbacks) -> None:
    world.commune_reviewer.email = "thamdinh@xa.example"
    world.commune_reviewer.save(update_fields=["email"])
    initiative = registered_initiative(world)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        initiative_act(by=world.officer, initiative=initiative, action="submit")
    # then
    to_review = Notification.objects.filter(reason="to_review")
    assert set(to_review.values_list("user__username", flat=True)) == {"xa.thamdinh", "xa.pheduyet"}
    assert "đang chờ bình xét cấp xã" in to_review.first().message
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["thamdinh@xa.example"]
    assert f"/mo-hinh/{initiative.pk}/" in mail.outbox[0].body


def test_the_officer_hears_when_their_initiative_is_recognised(world, django_capture_on_commit_callbacks) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    score_sheet(world.commune_reviewer, initiative)
    with django_capture_on_commit_callbacks(execute=True):
        initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")
    note = Notification.objects.get(user=world.officer)
    assert note.message == f"“{initiative.title}” đã được công nhận cấp xã."
    # the reviewer who acted is not told about their own act
    assert not Notification.objects.filter(user=world.commune_reviewer, reason="changed").exists()


def test_forwarding_reaches_the_province(world) -> None:
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    initiative_act(
        by=world.commune_reviewer, initiative=score_sheet(world.commune_reviewer, initiative), action="recognize"
    )
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="forward")
    assert Notification.objects.filter(user=world.approver, reason="to_review").exists()
    assert not Notification.objects.filter(user=world.viewer).exists()


def test_drafts_and_edits_tell_no_one(world) -> None:
    initiative_create(by=world.officer, data=initiative_data(world))
    assert not Notification.objects.exists()


def test_badge_list_open_and_mark_read(world, django_assert_num_queries) -> None:
    initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    client = world.client_for(world.commune_reviewer)
    # session, user, unread count
    with django_assert_num_queries(3):
        badge = client.get(reverse("notifications-badge")).content.decode()
    assert ">1<" in badge
    # session, user, memberships (menu), count, page of rows
    with django_assert_num_queries(5):
        page = client.get(reverse("notifications-list")).content.decode()
    assert "đang chờ bình xét" in page
    note = Notification.objects.get(user=world.commune_reviewer)
    response = client.post(reverse("notifications-open", args=[note.pk]))
    assert response["Location"] == reverse("initiatives-detail", args=[note.initiative_id])
    note.refresh_from_db()
    assert note.read_at is not None
    assert client.get(reverse("notifications-badge")).content.decode().strip() == ""


def test_mark_all_read(world) -> None:
    initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    client = world.client_for(world.commune_reviewer)
    client.post(reverse("notifications-read-all"))
    assert not Notification.objects.filter(user=world.commune_reviewer, read_at__isnull=True).exists()


def test_outsider_cannot_open_someone_elses_notification(world) -> None:
    initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    note = Notification.objects.filter(user=world.commune_reviewer).first()
    client = world.client_for(world.outsider)
    assert client.post(reverse("notifications-open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None
    assert "đang chờ" not in client.get(reverse("notifications-list")).content.decode()


def test_anonymous_gets_no_badge(client) -> None:
    assert client.get(reverse("notifications-badge")).status_code == 302


def test_menu_has_the_entries_for_a_reviewer(world) -> None:
    body = world.client_for(world.commune_reviewer).get("/").content.decode()
    assert reverse("initiatives-list") in body
    assert reverse("reviews-queue") in body
    assert reverse("notifications-badge") in body
    body = world.client_for(world.officer).get("/").content.decode()
    assert reverse("reviews-queue") not in body


def test_outsiders_mark_all_read_touches_only_their_own(world) -> None:
    initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    world.client_for(world.outsider).post(reverse("notifications-read-all"))
    assert Notification.objects.filter(user=world.commune_reviewer, read_at__isnull=True).exists()


def test_the_system_user_that_created_an_imported_model_is_not_notified(world) -> None:
    from danvan.accounts.services import system_user

    # given a model the command-line import created as the system user, submitted by the village officer
    machine = system_user()
    initiative = initiative_create(by=machine, data=initiative_data(world), register=True)
    assert initiative.created_by_id == machine.pk
    initiative_act(by=world.officer, initiative=with_evidence(world, initiative), action="submit")
    score_sheet(world.commune_reviewer, initiative)
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")
    # then the officers hear of it, the system user holds no notification
    assert Notification.objects.filter(user=world.officer).exists()
    assert not Notification.objects.filter(user=machine).exists()


def test_a_notification_is_read_in_the_readers_language(world) -> None:
    # given the officer's model recognised by the commune, and a reporting round asking their village
    initiative = initiative_act(by=world.officer, initiative=registered_initiative(world), action="submit")
    score_sheet(world.commune_reviewer, initiative)
    initiative_act(by=world.commune_reviewer, initiative=initiative, action="recognize")
    note = Notification.objects.get(user=world.officer)
    # then the stored e-mail text is Vietnamese, and the list shows it in the reader's language
    assert note.message == f"“{initiative.title}” đã được công nhận cấp xã."
    client = world.client_for(world.officer)
    assert note.message in client.get(reverse("notifications-list")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("notifications-list")).content.decode()
    assert f"“{initiative.title}” has been recognised at commune level." in english
    assert "đã được công nhận" not in english


def test_a_reminder_names_the_unit_and_the_day_in_the_readers_language(world) -> None:
    import datetime

    from django.utils import translation

    from danvan.notifications.services import notify
    from danvan.notifications.wording import day, unit

    (row,) = notify(
        users=[world.officer],
        reason=Notification.Reason.ROUND,
        text="Sắp đến hạn gửi báo cáo “%(title)s” (%(due)s): %(unit)s chưa gửi.",
        values={"title": "Quý IV", "due": day(datetime.date(2026, 12, 31)), "unit": unit("Thôn Đoàn Kết")},
    )
    assert row.message == "Sắp đến hạn gửi báo cáo “Quý IV” (31/12/2026): thôn Đoàn Kết chưa gửi."
    with translation.override("en"):
        assert row.shown == "The report “Quý IV” is due soon (31/12/2026): Thôn Đoàn Kết has not sent it."
    # a row written before the sentence was kept with its values shows as it was stored
    old = Notification.objects.create(user=world.officer, reason="round", message="Tin cũ.")
    assert old.shown == "Tin cũ."


def test_the_e_mail_is_in_the_language_the_reader_chose(world, django_capture_on_commit_callbacks) -> None:
    # given two reviewers with addresses, one who chose English with the header's switch
    world.commune_reviewer.email = "thamdinh@xa.example"
    world.commune_reviewer.save(update_fields=["email"])
    world.commune_approver.email = "pheduyet@xa.example"
    world.commune_approver.save(update_fields=["email"])
    world.client_for(world.commune_approver).post(reverse("set_language"), {"language": "en", "next": "/"})
    world.commune_approver.refresh_from_db()
    assert world.commune_approver.language == "en"
    initiative = registered_initiative(world)
    # when the model is sent for review
    with django_capture_on_commit_callbacks(execute=True):
        initiative_act(by=world.officer, initiative=initiative, action="submit")
    # then each reads the e-mail in their language, the link the same
    mails = {m.to[0]: m for m in mail.outbox}
    assert set(mails) == {"thamdinh@xa.example", "pheduyet@xa.example"}
    vietnamese, english = mails["thamdinh@xa.example"], mails["pheduyet@xa.example"]
    assert "đang chờ bình xét cấp xã" in vietnamese.subject and "Xem tại:" in vietnamese.body
    assert f"“{initiative.title}” (Thôn" in english.subject and "is awaiting review at commune level" in english.subject
    assert "View it at:" in english.body and "Xem tại" not in english.body
    assert f"/mo-hinh/{initiative.pk}/" in english.body and f"/mo-hinh/{initiative.pk}/" in vietnamese.body
    # the app's own row keeps the Vietnamese text; each reads it in their language on the page
    assert "đang chờ bình xét cấp xã" in Notification.objects.get(user=world.commune_approver).message
