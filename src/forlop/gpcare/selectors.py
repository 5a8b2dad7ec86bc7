"""Reads of the GP's work. Who may ask and answer is derived from the role table
(``access.permissions``) and the bases of access (``access.policy``), never restated."""

from __future__ import annotations

from django.db.models import Q

from forlop.access.permissions import Permission, roles_with
from forlop.access.policy import active_roles, barred_patients, may_see_patients, units_reached
from forlop.gpcare.models import Consultation
from forlop.organisations.models import GpOffice


def gp_offices_of(user):
    """The GP offices where the user holds an active role that works as a GP."""
    if not may_see_patients(user):
        return GpOffice.objects.none()
    held = active_roles(user).filter(gp_office__isnull=False,
                                     role__in=roles_with(Permission.WORK_AS_GP))
    return GpOffice.objects.filter(pk__in=held.values("gp_office_id")).order_by("name")


def answering_units(user) -> set[int]:
    """The units whose consultations the user reads and answers (clinical staff)."""
    return units_reached(user, Permission.REGISTER_CLINICAL)


def _not_barred(qs, user):
    return qs.exclude(patient_id__in=barred_patients(user).values("patient_id"))


def consultations_of_offices(user):
    """Consultations the user's GP offices asked, newest first."""
    qs = Consultation.objects.filter(gp_office__in=gp_offices_of(user))
    return _not_barred(qs, user).select_related("patient", "unit", "gp_office", "asked_by",
                                                "answered_by").order_by("-asked_at", "-pk")


def consultations_to_units(user):
    """Consultations to the user's units, unanswered first, then newest first."""
    qs = Consultation.objects.filter(unit_id__in=answering_units(user))
    return _not_barred(qs, user).select_related(
        "patient", "unit", "gp_office", "asked_by", "answered_by").order_by(
        "answered_at", "-asked_at", "-pk")


def consultation_for(user, pk: int):
    """The consultation when the user is on either side of it, else None; with the
    side (``"gp"`` or ``"unit"``)."""
    found = consultations_of_offices(user).filter(pk=pk).first()
    if found is not None:
        return found, "gp"
    found = consultations_to_units(user).filter(pk=pk).first()
    return (found, "unit") if found is not None else (None, "")


def patient_on_list(office, identifier: str):
    """The patient with this number when on ``office``'s list (or unknown: None, True);
    (None, False) when known and listed elsewhere or nowhere."""
    from forlop.patients.models import Patient

    found = Patient.objects.filter(identifier=identifier).first()
    if found is None:
        return None, True
    return (found, True) if found.gp_office_id == office.pk else (None, False)


def office_scope(offices) -> Q:
    """Pathways of patients on these offices' lists, or referred from them (a filter
    applied *within* ``visible_to``, never instead of it)."""
    return Q(patient__gp_office__in=offices) | Q(referral__gp_office__in=offices)


def gp_users():
    """Users who work as GPs at some GP office now (the referral form's choice)."""
    from forlop.accounts.models import RoleAssignment, User

    held = RoleAssignment.objects.active().filter(gp_office__isnull=False,
                                                  role__in=roles_with(Permission.WORK_AS_GP))
    return User.objects.filter(pk__in=held.values("user_id")).order_by(
        "last_name", "first_name", "username")
