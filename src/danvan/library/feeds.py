"""The Atom feed of newly recognised public initiatives, and the sitemap of the public pages."""

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from danvan.library.models import PublicEntry
from danvan.library.selectors import latest_recognized, sitemap_entries

FEED_SIZE = 30


class TextAtomFeed(Atom1Feed):
    """Atom whose summaries are declared plain text: they are what users wrote, and a feed reader
    must show them as written, never render them as HTML (Django's Atom1Feed says type="html")."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        description = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if description is not None:
            handler.addQuickElement("summary", description, {"type": "text"})


class LatestInitiativesFeed(Feed):  # type: ignore[type-arg]
    feed_type = TextAtomFeed
    title = _("Mô hình, điển hình “Dân vận khéo” mới được công nhận")
    subtitle = _("Các mô hình, điển hình đã được công nhận và công khai để học tập, nhân rộng.")

    def link(self) -> str:
        return reverse("library-index")

    def items(self) -> list[PublicEntry]:
        return latest_recognized(limit=FEED_SIZE)

    def item_title(self, item: PublicEntry) -> str:
        return item.initiative.title

    def item_description(self, item: PublicEntry) -> str:
        return f"{item.initiative.unit.name} · {item.field.name}. {item.initiative.summary}"

    def item_link(self, item: PublicEntry) -> str:
        return reverse("library-detail", args=[item.initiative.public_key])

    def item_pubdate(self, item: PublicEntry) -> datetime.datetime:
        return datetime.datetime.combine(item.recognized_on, datetime.time(8), tzinfo=datetime.UTC)

    def item_updateddate(self, item: PublicEntry) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: PublicEntry) -> str:
        return item.initiative.unit.name


class LibrarySitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"
    limit = 10000

    def items(self) -> QuerySet[PublicEntry]:
        return sitemap_entries()

    def location(self, item: PublicEntry) -> str:
        return reverse("library-detail", args=[item.initiative.public_key])

    def lastmod(self, item: PublicEntry) -> datetime.datetime:
        return item.updated_at


class LibraryIndexSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"
    priority = 0.8

    def items(self) -> list[str]:
        return ["library-index"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"thu-vien": LibraryIndexSitemap, "mo-hinh": LibrarySitemap}
