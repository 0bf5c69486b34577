from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danvan.reports"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from danvan.reports import counts  # connects the receiver that keeps the counts exact

        models = counts.awards_models()
        if models is not None:
            post_save.connect(counts.on_decision_saved, sender=models[0], dispatch_uid="reports-decision-counts")
