"""Scoped reads. Every patient query in a view goes through ``visible_to``.

Deny by default; the rule itself lives in ``forlop.access`` (unit roles,
coordinator, care team, municipal/participant consent, emergency access, minus
restrictions). Patients and relatives read through ``own_pathways`` and
``shared_pathways``. access sits above pathways (ADR 15), so it installs its rule
here when Django starts (``forlop.access.scopes``); pathways imports nothing of it.
"""

from django.db import models


class PathwayQuerySet(models.QuerySet):
    # ``forlop.access.scopes``, installed by ``install_scopes``. None: every scope empty.
    scopes = None

    def visible_to(self, user):
        return self._scoped("visible_to", user)

    def own_pathways(self, user):
        return self._scoped("own_pathways", user)

    def shared_pathways(self, user):
        return self._scoped("shared_pathways", user)

    def open(self):
        return self.filter(is_open=True)

    def _scoped(self, name: str, user):
        if self.scopes is None:
            return self.none()
        return getattr(self.scopes, name)(self, user)


def install_scopes(scopes) -> None:
    """Give ``Pathway.objects`` its access rule (a module or object with
    ``visible_to``, ``own_pathways`` and ``shared_pathways``, each ``(queryset, user)``)."""
    PathwayQuerySet.scopes = scopes
