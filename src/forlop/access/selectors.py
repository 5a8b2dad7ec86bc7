"""Reads of access data. Views pass a patient they already reached through a guard
(``pathway_page``) or ``own_patient``; never a patient id from the request."""

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from forlop.access.models import AccessLogEntry, BreakGlass, Consent, Restriction
from forlop.access.policy import active_roles, may_see_patients
from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role


def own_patient(user):
    """The patient record of the signed-in patient, or None."""
    if not may_see_patients(user):
        return None
    from forlop.patients.models import Patient

    return Patient.objects.filter(user=user).first()


def log_of(patient):
    return (AccessLogEntry.objects.filter(patient=patient)
            .select_related("unit").order_by("-at", "-id"))


def consents_of(patient):
    return (Consent.objects.filter(patient=patient)
            .select_related("participant_user", "participant_municipality", "pathway")
            .order_by("-registered_at", "-id"))


def restrictions_of(patient):
    return (Restriction.objects.filter(patient=patient)
            .select_related("barred_user", "barred_unit").order_by("-created_at", "-id"))


def break_glass_to_review(leader):
    """Emergency accesses to records of the units where ``leader`` is leader, and, up
    the line, to records of their trusts' units that have no leader of their own: an
    access is always on someone's list (``forlop check`` warns of a trust with none)."""
    from forlop.organisations.models import Unit

    led = active_roles(leader).filter(role=Role.LEADER, unit__isnull=False)
    units = led.values("unit_id")
    unled = (Unit.objects.filter(trust_id__in=led.values("unit__trust_id"))
             .exclude(Exists(RoleAssignment.objects.active()
                             .filter(role=Role.LEADER, unit_id=OuterRef("pk"))))
             .values("pk"))
    return (BreakGlass.objects.filter(Q(unit_id__in=units) | Q(unit_id__in=unled))
            .select_related("user", "patient", "unit", "reviewed_by")
            .order_by(F("reviewed_at").asc(nulls_first=True), "-started_at"))


def patient_by_identifier(identifier: str):
    """For the patient search only: the caller then shows nothing but the pathways
    ``visible_to`` the user, and logs the search against the patient."""
    from forlop.patients.models import Patient

    return Patient.objects.filter(identifier=identifier).first()


def role_assignments_in(places):
    """Current and future roles at these places (the administrator's page); ``places``
    is ``grants.administered_places``."""
    return (RoleAssignment.objects.filter(Q(unit__in=places["unit"])
                                          | Q(municipality__in=places["municipality"])
                                          | Q(gp_office__in=places["gp_office"])
                                          | Q(org_level__in=places["org_level"]))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=timezone.localdate()))
            .select_related("user", "unit", "municipality", "gp_office", "org_level")
            .order_by("unit__name", "org_level__name", "municipality__name", "gp_office__name",
                      "user__last_name", "user__first_name", "role"))
