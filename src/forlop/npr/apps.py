from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NprConfig(AppConfig):
    name = "forlop.npr"
    label = "npr"
    verbose_name = _("Rapportering til NPR")
