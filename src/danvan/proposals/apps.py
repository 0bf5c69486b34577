from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "danvan.proposals"
    verbose_name = _("Đề nghị khen thưởng")
