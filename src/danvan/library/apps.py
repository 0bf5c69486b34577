from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "danvan.library"
    verbose_name = _("Thư viện mô hình")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from danvan.initiatives.changes import Follower, follow
        from danvan.library.fts import ensure_fts_triggers
        from danvan.library.services import deferred_library, on_initiative_changed, on_unit_saved
        from danvan.orgs.models import Unit

        follow(Follower("library", on_initiative_changed, deferred_library))
        post_save.connect(on_unit_saved, sender=Unit, dispatch_uid="library-unit-publishes")
        post_migrate.connect(ensure_fts_triggers, sender=self, dispatch_uid="library-fts-triggers")
