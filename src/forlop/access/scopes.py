"""The scopes ``Pathway.objects`` applies, from the rule in ``policy``.

pathways sits below access (ADR 15): ``PathwayQuerySet`` declares ``visible_to``,
``own_pathways`` and ``shared_pathways`` and this module gives them their rule,
installed when Django starts (``apps.AccessConfig.ready``). Without it every scope
is empty: deny by default.
"""

from django.db.models import Exists, OuterRef

from forlop.access.models import Participant
from forlop.access.policy import (
    barred_patients,
    consents_reaching,
    covering,
    may_see_patients,
    pathway_scope,
)


def visible_to(queryset, user):
    """The staff scope (unit roles, coordinator, care team, consent, emergency
    access, minus restrictions)."""
    if not may_see_patients(user):
        return queryset.none()
    return queryset.filter(pathway_scope(user))


def own_pathways(queryset, user):
    """The signed-in patient's own pathways (restrictions never hide these)."""
    if not may_see_patients(user):
        return queryset.none()
    return queryset.filter(patient__user=user)


def shared_pathways(queryset, user):
    """Pathways a patient shares with this relative by an active consent."""
    if not may_see_patients(user):
        return queryset.none()
    consents = covering(consents_reaching(user, Participant.RELATIVE), OuterRef("pk"),
                        OuterRef("patient_id"))
    return queryset.filter(Exists(consents)).exclude(
        Exists(barred_patients(user).filter(patient_id=OuterRef("patient_id"))))
