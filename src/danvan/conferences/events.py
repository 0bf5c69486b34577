"""Append-only audit rows of the conferences' news: one function per kind of event."""

from danvan.conferences.models import ConferenceNews, NewsEvent
from danvan.core.actors import Actor


def news_published_event(*, news: ConferenceNews, by: Actor) -> NewsEvent:
    return NewsEvent.objects.create(
        news=news, action=NewsEvent.Action.PUBLISH, by=by if getattr(by, "pk", None) else None
    )
