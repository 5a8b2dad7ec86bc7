"""Consents of a pathway's patient: list and register on the patient's word (the
staff consent page's rule: ``MANAGE_CONSENT`` on the pathway; ``access.services``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Status

from forlop.access import selectors, services
from forlop.access.guards import reach_pathway
from forlop.access.models import Action, ConsentScope, Participant
from forlop.access.permissions import Permission
from forlop.accounts.models import User
from forlop.api.endpoints.common import ERRORS, Id
from forlop.api.schemas import ConsentIn, ConsentOut

router = Router(tags=["consents"])


def consent_out(consent) -> dict:
    return {"id": consent.pk, "participant": consent.participant,
            "participant_label": consent.participant_label, "scope": consent.scope,
            "pathway_id": consent.pathway_id, "valid_from": consent.valid_from,
            "valid_to": consent.valid_to, "status": consent.status()}


@router.get("/pathways/{pathway_id}/consents", response={200: list[ConsentOut], **ERRORS})
def list_consents(request, pathway_id: Id):
    """The patient's consents, newest first (coordinator and clinician of the unit)."""
    pathway, _access = reach_pathway(request, pathway_id, Permission.MANAGE_CONSENT,
                                     what="consent")
    return [consent_out(c) for c in selectors.consents_of(pathway.patient)]


@router.post("/pathways/{pathway_id}/consents", response={201: ConsentOut, **ERRORS})
def grant_consent(request, pathway_id: Id, body: ConsentIn):
    """Register the patient's consent to share with a participant, on the patient's
    word. A municipal consent goes to the patient's own municipality."""
    pathway, access = reach_pathway(request, pathway_id, Permission.MANAGE_CONSENT,
                                    what="consent", action=Action.WRITE)
    if body.participant not in Participant.values:
        raise ValidationError({"participant": _("Velg en av: %(values)s.") % {
            "values": ", ".join(Participant.values)}})
    if body.scope not in ConsentScope.values:
        raise ValidationError({"scope": _("Velg en av: %(values)s.") % {
            "values": ", ".join(ConsentScope.values)}})
    patient = pathway.patient
    is_municipality = body.participant == Participant.MUNICIPALITY
    if is_municipality and patient.municipality is None:
        raise ValidationError({"participant": _("Pasienten har ingen kommune registrert.")})
    person = None
    if not is_municipality and body.participant_user_id is not None:
        person = User.objects.filter(pk=body.participant_user_id, is_active=True).first()
        if person is None:
            raise ValidationError({"participant_user_id": _("Ukjent person.")})
    consent = services.grant_consent(
        patient=patient, by=request.user, participant=body.participant, scope=body.scope,
        valid_from=body.valid_from, valid_to=body.valid_to,
        pathway=pathway if body.only_this_pathway else None,
        participant_user=person,
        participant_municipality=patient.municipality if is_municipality else None,
        basis=access.basis, request_id=request.request_id)
    return Status(201, consent_out(consent))
