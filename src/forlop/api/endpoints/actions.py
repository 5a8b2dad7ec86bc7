"""What is done to a pathway besides registering an event: the referral's
assessment, moving it within the trust, transferring it to another trust, the agreed
closure with its checklist; and reading its treatment plan. Each endpoint calls the
service the page calls (``intake``, ``pathways``, ``collaboration``, ``plans``); the
services check the actor's permission; the guard writes the access-log row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Status

from forlop.access.guards import reach_pathway
from forlop.access.models import Action, ConsentScope
from forlop.access.permissions import Permission
from forlop.accounts.models import User
from forlop.api.endpoints.common import ERRORS, WRITE_ERRORS, Id, api_field, require_role
from forlop.api.endpoints.pathways import event_out, summary
from forlop.api.problems import problem
from forlop.api.schemas import (
    AssessmentIn,
    AssessmentOut,
    ClosureIn,
    EventOut,
    MoveIn,
    PathwaySummary,
    PlanOut,
    TransferIn,
)
from forlop.collaboration import services as collaboration
from forlop.collaboration.models import Meeting
from forlop.intake import selectors as intake_selectors
from forlop.intake.services import assess_referral
from forlop.organisations.models import Unit
from forlop.pathways import services
from forlop.pathways.moves.refusals import move_refusal
from forlop.pathways.services.transfer import TransferError
from forlop.plans import selectors as plans
from forlop.plans.presenters import FIELDS

router = Router(tags=["pathway actions"])


def _unit(unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise ValidationError({"to_unit_id": _("Ukjent enhet.")})
    return unit


@router.post("/referrals/{referral_id}/assessment",
             response={201: AssessmentOut, **WRITE_ERRORS})
def assess(request, referral_id: Id, body: AssessmentIn):
    """Assess a waiting referral (a clinical role in its unit): the right to necessary
    health care granted starts the pathway in the same transaction; not granted
    closes the referral. The kernel judges the dates (422 with its codes)."""
    require_role(request.user, Permission.EDIT_PATHWAY)
    referral = intake_selectors.waiting_referrals(request.user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    coordinator = None
    if body.coordinator_id is not None:
        coordinator = User.objects.filter(pk=body.coordinator_id, is_active=True).first()
        if coordinator is None:
            raise ValidationError({"coordinator_id": _("Ukjent person.")})
    pathway = assess_referral(
        referral=referral, by=request.user, assessed_on=body.assessed_on,
        right_granted=body.right_granted, type=body.type, setting=body.setting,
        severity=body.severity, coordinator=coordinator, request_id=request.request_id)
    return Status(201, {"referral_id": referral.pk, "right_granted": body.right_granted,
                        "pathway_id": pathway.pk if pathway else None})


@router.post("/pathways/{pathway_id}/move", response={201: PathwaySummary, **WRITE_ERRORS})
def move(request, pathway_id: Id, body: MoveIn):
    """Move an open pathway to another unit of the same trust (it continues: same
    events and clocks). Needs a clinical right on the pathway and a registering role
    in the receiving unit."""
    pathway, _access = reach_pathway(request, pathway_id, Permission.REGISTER_CLINICAL,
                                     what="pathway_move", action=Action.WRITE)
    try:
        services.move_pathway(pathway=pathway, to_unit=_unit(body.to_unit_id), on=body.on,
                              by=request.user, reason=body.reason)
    except services.MoveRefused as refused:
        field, message = move_refusal(refused)
        raise ValidationError({api_field(field): message}) from refused
    # The service set ``pathway.unit`` to the new unit; the state is read after the move.
    return Status(201, summary(pathway, getattr(pathway, "state", None)))


@router.post("/pathways/{pathway_id}/transfer",
             response={201: PathwaySummary, **WRITE_ERRORS})
def transfer(request, pathway_id: Id, body: TransferIn):
    """Transfer to another health trust: this pathway ends (``transfer_out``) and the
    receiving trust's starts on the receipt date, carrying the first trust's start.
    Answers the receiving pathway."""
    pathway, _access = reach_pathway(request, pathway_id, Permission.REGISTER_CLINICAL,
                                     what="pathway_transfer", action=Action.WRITE)
    try:
        received = services.transfer_pathway(pathway=pathway, to_unit=_unit(body.to_unit_id),
                                             received_on=body.received_on, by=request.user)
    except TransferError as refused:
        raise ValidationError({"to_unit_id": _(
            "Enheten er i samme helseforetak. Flytt forløpet i stedet.")}) from refused
    except IntegrityError:
        return problem(409, _("Åpent forløp finnes"), _(
            "Pasienten har allerede et åpent forløp av denne typen i det helseforetaket."))
    return Status(201, summary(received, None))


@router.post("/pathways/{pathway_id}/closure", response={201: EventOut, **WRITE_ERRORS})
def close(request, pathway_id: Id, body: ClosureIn):
    """The agreed closure (completed, or to a contracted specialist) with its
    checklist: refused (422) naming every item still missing; the checklist is kept
    either way, as on the closure page."""
    pathway, _access = reach_pathway(request, pathway_id, Permission.REGISTER_CLINICAL,
                                     what="closure", action=Action.WRITE)
    items = body.checklist.dict()
    meeting_id = items.pop("final_meeting_id")
    items["final_meeting"] = None
    if meeting_id is not None:
        items["final_meeting"] = Meeting.objects.filter(pk=meeting_id,
                                                        pathway=pathway).first()
        if items["final_meeting"] is None:
            raise ValidationError({"final_meeting_id": _("Møtet hører til et annet forløp.")})
    row = collaboration.close_with_checklist(pathway=pathway, by=request.user, on=body.on,
                                             outcome=body.outcome, **items)
    return Status(201, event_out(row))


@router.get("/pathways/{pathway_id}/plan", response={200: PlanOut, **ERRORS})
def read_plan(request, pathway_id: Id):
    """The current treatment plan; a consent-only reader sees the fields the
    consent's scope shares (the others null). 404 when there is no plan yet."""
    pathway, access = reach_pathway(request, pathway_id, Permission.VIEW_PATHWAY,
                                    what="api_treatment_plan")
    version = plans.current_version(pathway) if access.shares(ConsentScope.PLANS) else None
    if version is None:
        raise Http404
    signed = plans.signature_of(version)
    return {"pathway_id": pathway.pk, "version": version.number, "made_at": version.made_at,
            "signed_at": signed.at if signed else None,
            **{name: getattr(version, name) if access.shares(scope) else None
               for name, _label, scope in FIELDS}}
