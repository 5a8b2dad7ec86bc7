"""Scoped reads for the FHIR endpoints: only what the user may see.

Staff read through ``Pathway.objects.visible_to``; a patient reads their own
pathways (``own_pathways``). Relatives' consent-shared reading stays on the portal.
"""

from __future__ import annotations

from django.db.models import Q

from forlop.access.guards import PATHWAY_RELATED, events_of
from forlop.access.models import AccessLogEntry, Consent
from forlop.pathways.kernel_bridge import effective_rows
from forlop.pathways.models import Pathway, PathwayState
from forlop.patients.models import Patient


def pathways(user):
    """Every pathway the user may read through the API, any status."""
    scope = Pathway.objects.visible_to(user) | Pathway.objects.own_pathways(user)
    return scope.select_related(*PATHWAY_RELATED)


def pathway(user, pk):
    return pathways(user).filter(pk=pk).first()


def patients(user):
    return Patient.objects.filter(pathways__in=pathways(user).values("pk")).distinct()


def patient_pathway(user, patient_id):
    """One pathway through which the user reaches this patient (for the access
    decision and the log), newest first; None when there is none."""
    return pathways(user).filter(patient_id=patient_id).order_by("-started_on", "-pk").first()


def events(pathway, *, kinds=None):
    """A pathway's effective events (not superseded, not retractions), in order."""
    keep = effective_rows(events_of(pathway))
    return [r for r in keep if kinds is None or r.event in kinds]


def clocks(pathway) -> list[dict]:
    state = PathwayState.objects.filter(pathway=pathway).values_list("clocks", flat=True).first()
    return state or []


def consents(patient_ids):
    return (Consent.objects.filter(patient_id__in=patient_ids)
            .select_related("participant_municipality", "participant_user").order_by("pk"))


def consents_by_id(pk):
    """Found by id; the endpoint then decides access through its patient."""
    return (Consent.objects.select_related("participant_municipality", "participant_user")
            .filter(pk=pk).first())


def own_log(user):
    """Access-log rows about the signed-in patient's own record."""
    return AccessLogEntry.objects.filter(
        Q(patient__user=user) & ~Q(patient__user__isnull=True)).order_by("-at", "-pk")
