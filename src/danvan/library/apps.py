from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "danvan.library"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from danvan.initiatives.signals import initiative_changed
        from danvan.library.fts import ensure_fts_triggers
        from danvan.library.services import on_initiative_changed, on_unit_saved
        from danvan.orgs.models import Unit

        initiative_changed.connect(on_initiative_changed, dispatch_uid="library-entry-sync")
        post_save.connect(on_unit_saved, sender=Unit, dispatch_uid="library-unit-publishes")
        post_migrate.connect(ensure_fts_triggers, sender=self, dispatch_uid="library-fts-triggers")
