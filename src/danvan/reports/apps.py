from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "danvan.reports"
    verbose_name = _("Thống kê, báo cáo")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.initiatives.changes import Follower, follow
        from danvan.movements.models import Field
        from danvan.orgs.models import Unit
        from danvan.reports import counts

        follow(Follower("statistics", counts.on_initiative_changed, counts.deferred_counts))

        for model in (Unit, Field):
            for signal in (post_save, post_delete):
                signal.connect(counts.on_names_changed, sender=model, dispatch_uid=f"reports-names-{model.__name__}")

        models = counts.awards_models()
        if models is not None:
            post_save.connect(counts.on_decision_saved, sender=models[0], dispatch_uid="reports-decision-counts")
