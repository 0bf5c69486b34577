"""Audit rows of the services outside the workflow: roles, accounts, news; and the system user."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from danvan.accounts.models import SYSTEM_USERNAME, AccountEvent
from danvan.accounts.services import system_user, user_set_active
from danvan.conferences.models import NewsEvent
from danvan.conferences.services import news_draft, news_publish
from danvan.imports.services import import_file
from danvan.initiatives.models import Initiative, InitiativeEvent
from danvan.orgs.access import is_root
from danvan.orgs.models import MembershipEvent, Role
from danvan.orgs.services import membership_grant, membership_revoke
from tests.conftest import World
from tests.import_helpers import row, write_xlsx

pytestmark = pytest.mark.django_db


def test_role_grant_and_revoke_are_recorded(world: World) -> None:
    # when
    membership = membership_grant(by=world.province_admin, user=world.officer, unit=world.village2, role=Role.VIEWER)
    membership_grant(by=world.province_admin, user=world.officer, unit=world.village2, role=Role.VIEWER)  # held
    membership_revoke(by=world.province_admin, membership=membership)
    # then: one row each, naming who, whose, where and which role
    rows = list(MembershipEvent.objects.values_list("action", "by", "user", "unit", "role"))
    assert rows == [
        ("grant", world.province_admin.pk, world.officer.pk, world.village2.pk, "viewer"),
        ("revoke", world.province_admin.pk, world.officer.pk, world.village2.pk, "viewer"),
    ]


def test_account_lock_and_unlock_are_recorded(world: World) -> None:
    # when
    user_set_active(by=world.province_admin, user=world.officer, active=False)
    user_set_active(by=world.province_admin, user=world.officer, active=False)  # already locked: nothing new
    user_set_active(by=world.province_admin, user=world.officer, active=True)
    # then
    rows = list(AccountEvent.objects.values_list("action", "by", "user"))
    assert rows == [
        ("lock", world.province_admin.pk, world.officer.pk),
        ("unlock", world.province_admin.pk, world.officer.pk),
    ]
    with pytest.raises(ValidationError):
        AccountEvent.objects.all().delete()


def test_news_publication_is_recorded(world: World) -> None:
    from danvan.conferences.services import conference_create
    from tests.test_conferences import conference_data

    # given
    conference = conference_create(by=world.approver, data=conference_data(world))
    news = news_draft(by=world.approver, conference=conference)
    assert not NewsEvent.objects.exists()
    # when
    news_publish(by=world.approver, news=news)
    # then
    assert list(NewsEvent.objects.values_list("news", "action", "by")) == [(news.pk, "publish", world.approver.pk)]


def test_the_import_acts_as_a_real_system_user(world: World, tmp_path: Path) -> None:
    # given
    path = write_xlsx(tmp_path / "two.xlsx", [row(title="Mô hình một"), row(title="Mô hình hai")])
    # when
    with path.open("rb") as f:
        outcome = import_file(by=system_user(), source=f, write=True)
    # then: its records and events name it; it may act anywhere, and nobody can sign in as it
    assert outcome.created == 2
    user = system_user()
    assert user.username == SYSTEM_USERNAME and is_root(user) and not user.has_usable_password()
    assert set(Initiative.objects.values_list("created_by", flat=True)) == {user.pk}
    assert set(InitiativeEvent.objects.values_list("by", flat=True)) == {user.pk}
    assert system_user().pk == user.pk  # made once
