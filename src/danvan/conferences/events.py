"""Append-only audit rows of the conferences' news: one function per kind of event."""

from typing import Any

from danvan.conferences.models import ConferenceNews, NewsEvent


def news_published_event(*, news: ConferenceNews, by: Any) -> NewsEvent:
    return NewsEvent.objects.create(
        news=news, action=NewsEvent.Action.PUBLISH, by=by if getattr(by, "pk", None) else None
    )
