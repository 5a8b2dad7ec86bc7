"""Scoped reads. Every patient query in a view goes through ``visible_to``.

Deny by default; the rule itself lives in ``forlop.access.policy`` (unit roles,
coordinator, care team, municipal/participant consent, emergency access, minus
restrictions). Patients and relatives read through ``own_pathways`` and
``shared_pathways``.
"""

from django.db import models
from django.db.models import Exists, OuterRef

from forlop.access.policy import (
    barred_patients,
    consents_reaching,
    covering,
    may_see_patients,
    pathway_scope,
)


class PathwayQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not may_see_patients(user):
            return self.none()
        return self.filter(pathway_scope(user))

    def own_pathways(self, user):
        """The signed-in patient's own pathways (restrictions never hide these)."""
        if not may_see_patients(user):
            return self.none()
        return self.filter(patient__user=user)

    def shared_pathways(self, user):
        """Pathways a patient shares with this relative by an active consent."""
        if not may_see_patients(user):
            return self.none()
        from forlop.access.models import Participant

        consents = covering(consents_reaching(user, Participant.RELATIVE), OuterRef("pk"),
                            OuterRef("patient_id"))
        return self.filter(Exists(consents)).exclude(
            Exists(barred_patients(user).filter(patient_id=OuterRef("patient_id"))))

    def open(self):
        return self.filter(is_open=True)
