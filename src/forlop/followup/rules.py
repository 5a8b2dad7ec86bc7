"""Who reaches a patient's individual plan, composed of the access rules (ADR 58).

The plan is the municipality's, about the patient and not one pathway, so it is
reached on these bases (nothing else: no GP, no relative, no other municipality):

- the patient (their own record): reads it and takes part (co-signs, comments);
- a municipal role (municipal coordinator, coordinating unit) held in the patient's
  home municipality: ``Basis.MUNICIPAL_SERVICE``; writes it when the role has
  ``WRITE_INDIVIDUAL_PLAN``;
- specialist staff who reach one of the patient's pathways on a basis of their own
  (``access_to``, so restrictions and emergency access apply as everywhere), *within
  consent*: only while the patient shares that pathway with their municipality with
  a consent covering plans. They read with ``VIEW_PATHWAY``; they write with
  ``WRITE_INDIVIDUAL_PLAN`` (the coordinator) through an open pathway.

What a role may do is ``access.permissions``; how a pathway is reached is
``access.policy``. Nothing here restates either.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from forlop.access.models import Basis, ConsentScope, Participant
from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import (
    access_to,
    barred_patients,
    may_see_patients,
    municipal_roles_of,
    role_permissions,
)


@dataclass(frozen=True)
class PlanAccess:
    read: bool = False
    write: bool = False
    take_part: bool = False
    basis: str = Basis.NONE
    role: str = ""
    unit_id: int | None = None
    pathway_id: int | None = None  # the pathway a specialist reached it through

    def allows(self, need: str) -> bool:
        return bool(getattr(self, need))


NONE = PlanAccess()


def shares_with_municipality(patient, pathway) -> bool:
    """An active consent shares ``pathway`` with the patient's home municipality, with
    a scope that covers plans (the specialist side works on the IP within it)."""
    from forlop.access.models import Consent

    if patient.municipality_id is None:
        return False
    scopes = Consent.objects.active().filter(
        Q(pathway__isnull=True) | Q(pathway_id=pathway.pk), patient_id=patient.pk,
        participant=Participant.MUNICIPALITY,
        participant_municipality_id=patient.municipality_id).values_list("scope", flat=True)
    return any(ConsentScope.covers(scope, ConsentScope.PLANS) for scope in scopes)


def plan_access(user, patient) -> PlanAccess:
    """What ``user`` may do with ``patient``'s individual plan, and on which basis."""
    if not may_see_patients(user):
        return NONE
    if patient.user_id is not None and patient.user_id == user.pk:
        own = Permission.VIEW_OWN_RECORD in role_permissions(user)
        return PlanAccess(read=own, take_part=own and Permission.TAKE_PART_IN_OWN_PLAN in
                          role_permissions(user), basis=Basis.OWN_RECORD, role="patient")
    if barred_patients(user).filter(patient_id=patient.pk).exists():
        return NONE
    if patient.municipality_id is not None:
        roles = sorted(municipal_roles_of(user).filter(municipality_id=patient.municipality_id)
                       .values_list("role", flat=True))
        if roles:
            perms = permissions_of(roles)
            return PlanAccess(read=True, write=Permission.WRITE_INDIVIDUAL_PLAN in perms,
                              basis=Basis.MUNICIPAL_SERVICE, role=roles[0])
    return _through_a_pathway(user, patient)


def _through_a_pathway(user, patient) -> PlanAccess:
    from forlop.pathways.models import Pathway

    found = NONE
    for pathway in Pathway.objects.filter(patient_id=patient.pk).order_by("-is_open", "-pk"):
        access = access_to(user, pathway)
        # A consent-only reader (a municipality elsewhere, a meeting participant)
        # reaches the pathway, not the municipality's plan.
        if access.consent_scope is not None or not access.can(Permission.VIEW_PATHWAY):
            continue
        if not shares_with_municipality(patient, pathway):
            continue
        write = pathway.is_open and access.can(Permission.WRITE_INDIVIDUAL_PLAN)
        here = PlanAccess(read=True, write=write, basis=access.basis, role=access.role,
                          unit_id=access.unit_id, pathway_id=pathway.pk)
        if write:
            return here
        found = found if found.read else here
    return found
