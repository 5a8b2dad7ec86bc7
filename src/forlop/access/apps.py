from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "forlop.access"
    label = "access"
    verbose_name = _("Tilgangsstyring")

    def ready(self):
        from forlop.access import checks  # noqa: F401 - registers the system check
