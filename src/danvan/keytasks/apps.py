from django.apps import AppConfig


class KeytasksConfig(AppConfig):
    name = "danvan.keytasks"
    verbose_name = "Nhiệm vụ trọng tâm"
