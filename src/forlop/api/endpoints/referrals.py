"""Referrals waiting for assessment, and registering a received one (intake services)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from forlop.access import selectors as access_selectors
from forlop.access.audit import Touch, log_access
from forlop.access.models import Action, Basis, Outcome
from forlop.access.permissions import Permission
from forlop.api.endpoints.common import (
    ERRORS,
    Paging,
    in_api_fields,
    patient_out,
    require_role,
    unit_out,
)
from forlop.api.schemas import ReferralIn, ReferralOut, ReferralPage
from forlop.intake import selectors, services
from forlop.intake.deadlines import assessment_due
from forlop.organisations.models import GpOffice, Unit
from forlop.pathways.models import ReferrerKind

router = Router(tags=["referrals"])


def referral_out(referral) -> dict:
    return {"id": referral.pk, "unit": unit_out(referral.unit),
            "patient": patient_out(referral.patient), "received_on": referral.received_on,
            "assessment_due": assessment_due(referral.received_on),
            "referrer_kind": referral.referrer_kind, "referrer_name": referral.referrer_name,
            "referrer_hpr": referral.referrer_hpr,
            "gp_office": ({"id": referral.gp_office.pk, "name": referral.gp_office.name}
                          if referral.gp_office else None),
            "referring_gp": gp_out(referral.referring_gp)}


def gp_out(user) -> dict | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.username,
            "hpr_number": user.hpr_number}


@router.get("/referrals", response={200: ReferralPage, **ERRORS})
def list_referrals(request, paging: Query[Paging]):
    """Referrals waiting for assessment in the caller's units, oldest receipt (earliest
    legal deadline) first. Every patient listed is written to the access log."""
    require_role(request.user, Permission.EDIT_PATHWAY)
    waiting = selectors.waiting_referrals(request.user)
    rows = list(waiting[paging.offset:paging.offset + paging.limit])
    roles = selectors.roles_by_unit(request.user)
    log_access(request, action=Action.READ, what="referral_list",
               touches=[Touch(r.patient_id, Basis.UNIT, roles.get(r.unit_id, ""), r.unit_id)
                        for r in rows])
    return {"count": waiting.count(), "items": [referral_out(r) for r in rows]}


@router.post("/referrals", response={201: ReferralOut, **ERRORS})
def create_referral(request, body: ReferralIn):
    """Register a received referral (the patient found by number, or created). Needs a
    role that registers in the unit (secretary, clinician, coordinator). A referring GP
    who is a user here is named by HPR number (``referring_gp_hpr``); the intake service
    refuses one no GP here has, or one not at ``gp_office_id`` (422)."""
    require_role(request.user, Permission.EDIT_PATHWAY)
    unit = Unit.objects.filter(pk=body.unit_id).first()
    if unit is None:
        raise ValidationError({"unit_id": _("Ukjent enhet.")})
    if body.referrer_kind not in ReferrerKind.values:
        raise ValidationError({"referrer_kind": _("Velg en av: %(values)s.") % {
            "values": ", ".join(ReferrerKind.values)}})
    gp_office = None
    if body.gp_office_id is not None:
        gp_office = GpOffice.objects.filter(pk=body.gp_office_id).first()
        if gp_office is None:
            raise ValidationError({"gp_office_id": _("Ukjent fastlegekontor.")})
    first_trust = (body.first_trust.started_on, body.first_trust.name) if body.first_trust \
        else None
    try:
        referral = services.register_referral(
            unit=unit, by=request.user,
            patient=services.NewPatient(body.patient.identifier, body.patient.name,
                                        body.patient.birth_date),
            received_on=body.received_on, referrer_kind=body.referrer_kind,
            referrer_name=body.referrer_name, referrer_hpr=body.referrer_hpr,
            gp_office=gp_office, referring_gp_hpr=body.referring_gp_hpr,
            first_trust=first_trust, request_id=request.request_id)
    except ValidationError as refused:
        # A refused registration may have matched a known patient: log that touch.
        patient = access_selectors.patient_by_identifier(body.patient.identifier)
        if patient is not None:
            log_access(request, action=Action.WRITE, what="referral",
                       outcome=Outcome.REFUSED, touches=[Touch(patient.pk, Basis.NONE)])
        raise in_api_fields(refused) from refused
    return Status(201, referral_out(referral))
