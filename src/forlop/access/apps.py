from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "forlop.access"
    label = "access"
    verbose_name = _("Tilgangsstyring")

    def ready(self):
        from forlop.access import (
            checks,  # noqa: F401 - registers the system check
            scopes,
        )
        from forlop.pathways.selectors import install_scopes

        # Pathway.objects.visible_to & co. apply the rule stated here (ADR 15).
        install_scopes(scopes)
