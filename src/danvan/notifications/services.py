"""Telling people: a row in the app for each, and an e-mail after the transaction commits."""

import logging
from collections.abc import Iterable
from contextlib import AbstractContextManager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.accounts.models import User
from danvan.core.deferral import deferred
from danvan.initiatives.changes import InitiativeChange
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.selectors import EVENT_LABELS
from danvan.initiatives.workflow import REVIEW_ROLES, TRANSITIONS, Actor, Message
from danvan.notifications import wording
from danvan.notifications.models import Notification
from danvan.notifications.wording import source, written
from danvan.orgs.models import Membership, Role, Unit

logger = logging.getLogger(__name__)


@transaction.atomic(savepoint=False)  # one INSERT, inside the caller's transaction: no savepoint of its own
def notify(
    *,
    users: Iterable[User],
    reason: str,
    text: str | Promise,
    values: dict[str, Any] | None = None,
    initiative: Initiative | None = None,
) -> list[Notification]:
    """One in-app notification per user, and one e-mail each (to those with an address) on commit;
    none to the system user (an import's records name it as their creator, nobody signs in as it).
    `text` is a catalogue sentence with %(name)s placeholders and `values` its values
    (`notifications.wording`): each reader reads it in their language, in the app and in the e-mail
    (`User.language`, the one they chose with the header's switch)."""
    recipients = {u.pk: u for u in users if not u.is_system}.values()
    text, values = source(text), values or {}
    with translation.override("vi"):
        message = written(text, values)
    rows = Notification.objects.bulk_create(
        [
            Notification(user=u, reason=reason, message=message[:500], text=text, values=values, initiative=initiative)
            for u in recipients
        ]
    )
    by_language: dict[str, list[str]] = {}
    for u in recipients:
        if u.email:
            by_language.setdefault(u.language, []).append(u.email)
    if by_language:
        link = settings.DANVAN_SITE_URL + (
            reverse("initiatives-detail", args=[initiative.pk]) if initiative else reverse("notifications-list")
        )
        mails = [(*_mail(language, text, values, link), addresses) for language, addresses in by_language.items()]
        transaction.on_commit(lambda: _send_each(mails))
    return rows


def _mail(language: str, text: str, values: dict[str, Any], link: str) -> tuple[str, str]:
    """The subject and body of a notification's e-mail, written in the reader's language."""
    with translation.override(language):
        message = written(text, values)
        subject = _("[Dân vận khéo] %(message)s") % {"message": message[:150]}
        body = _("%(message)s\n\nXem tại: %(link)s\n\nThư này được gửi tự động từ nền tảng “Dân vận khéo”.") % {
            "message": message,
            "link": link,
        }
    return subject, body


def _send_each(mails: list[tuple[str, str, list[str]]]) -> None:
    for subject, body, addresses in mails:
        for address in addresses:  # one message each: no one sees the others' addresses
            try:
                send_mail(subject, body, None, [address])
            except Exception:  # a mail server that is down must not break the page that changed the data
                logger.exception("Could not send a notification e-mail to %s", address)


def reviewers_for(initiative: Initiative) -> list[User]:
    """Reviewers and approvers of the level now reviewing the initiative, above its unit, with no
    conflict of interest (not its creator, not an officer above it, no role in its own unit)."""
    ancestors = Unit.objects.filter(path__in=initiative.unit.ancestor_paths(), level=initiative.review_level)
    users = User.objects.filter(
        is_active=True, memberships__unit__in=ancestors, memberships__role__in=list(REVIEW_ROLES)
    ).distinct()
    conflicted = Membership.objects.filter(
        Q(unit_id=initiative.unit_id) | (Q(role=Role.OFFICER) & Q(unit__path__in=initiative.unit.ancestor_paths()))
    ).values("user_id")
    users = users.exclude(pk__in=conflicted)
    if initiative.created_by_id:
        users = users.exclude(pk=initiative.created_by_id)
    return list(users)


def owners_of(initiative: Initiative) -> list[User]:
    """The registering side: officers of the initiative's unit and whoever created it."""
    q = Q(memberships__unit_id=initiative.unit_id, memberships__role=Role.OFFICER)
    if initiative.created_by_id:
        q |= Q(pk=initiative.created_by_id)
    return list(User.objects.filter(q, is_active=True).distinct())


# What the registering side reads about a change the workflow table has no message for.
GENERIC = Message(Actor.OWNER, gettext_lazy("“%(title)s”: %(action)s — nay %(status)s."))


def on_initiative_changed(change: InitiativeChange) -> None:
    """Follower of the initiatives (`changes.follow`, from `NotificationsConfig.ready`)."""
    if change.before is None and change.initiative.historical:
        return  # a record entered in its final state (history, the import) starts no review: nobody to tell
    pending = _pending.get()
    if pending is None:
        tell(change)
    else:
        pending.append(change)


def tell(change: InitiativeChange) -> None:
    """Each party the workflow table names for the transition reads its message (the one who acted is
    not told)."""
    initiative, before, event = change.initiative, change.before, change.event
    moved = before is None or any(before[k] != change.after[k] for k in ("status", "review_level", "exemplary"))
    if not moved or initiative.status == Status.DRAFT:
        return
    transition = TRANSITIONS.get(event.action)
    messages = transition.messages if transition else (GENERIC,)
    values = {
        "title": initiative.title,
        "unit": initiative.unit.name,  # in parentheses, as named
        "level": wording.level(event.level or initiative.review_level),
        "note": event.note,
        "action": wording.phrase(EVENT_LABELS.get(event.action, event.action), lower=True),
        "status": wording.phrase(Status(initiative.status).label, lower=True),
    }
    for message in messages:
        if message.party is Actor.REVIEW_LEVEL:
            users, reason = reviewers_for(initiative), Notification.Reason.TO_REVIEW
        elif before is not None and not initiative.historical:  # a new or historical one: no one to tell
            users, reason = owners_of(initiative), Notification.Reason.CHANGED
        else:
            continue
        notify(
            users=[u for u in users if u.pk != event.by_id],
            reason=reason,
            initiative=initiative,
            text=message.text,
            values=values,
        )


_pending: ContextVar[list[InitiativeChange] | None] = ContextVar("notifications_pending", default=None)


def deferred_notifications() -> AbstractContextManager[None]:
    """Tell about the changes of many writes at the end of the block (`core.deferral`: inside the
    writes' transaction, nobody told if the block raises)."""
    return deferred(_pending, list, _tell_each)


def _tell_each(changes: list[InitiativeChange]) -> None:
    for change in changes:
        tell(change)


def notification_mark_read(*, by: User, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, by: User) -> int:
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())
