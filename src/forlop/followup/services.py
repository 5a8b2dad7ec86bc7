"""Writes about the individual plan and the hand-over at closure. Each takes the
acting user and checks it before it writes (``rules.plan_access`` for the plan,
``require_on_pathway`` for the hand-over); a refusal names what is wrong in
Norwegian and saves nothing."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted, require_on_pathway
from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.access.policy import access_to, municipal_roles_of
from forlop.followup import selectors
from forlop.followup.models import (
    Confirmation,
    FollowUpRequest,
    PlanResponse,
    PlanVersion,
    ResponseKind,
)
from forlop.followup.notify import send
from forlop.followup.rules import plan_access, shares_with_municipality
from forlop.patients.models import Patient


class Refused(Exception):
    """Nothing was saved; ``str(self)`` says why, for the person who tried."""


def _require(user, patient, need: str, permission: Permission) -> None:
    if not plan_access(user, patient).allows(need):
        raise NotPermitted(permission, on=f"individual plan of patient {patient.pk}")


@transaction.atomic
def save_version(*, patient: Patient, by, content: dict, change_note: str = "") -> PlanVersion:
    """Save the individual plan as a new version (1 for the first); earlier ones stay."""
    _require(by, patient, "write", Permission.WRITE_INDIVIDUAL_PLAN)
    locked = Patient.objects.select_for_update().get(pk=patient.pk)
    if locked.municipality_id is None:
        raise Refused(_("Pasienten har ingen bostedskommune registrert. Individuell plan er "
                        "kommunens plan: registrer kommunen først."))
    content = PlanVersion.content_from(content)
    if not (content.get("goals") or "").strip():
        raise Refused(_("Skriv målene i planen, med pasientens egne ord."))
    last = selectors.current_version(locked)
    if last is not None and not last.changed_by(content):
        raise Refused(_("Ingenting er endret siden versjon %(n)s. Endre planen før du "
                        "lagrer.") % {"n": last.number})
    return PlanVersion.objects.create(patient=locked, municipality_id=locked.municipality_id,
                                      number=last.number + 1 if last else 1, made_by=by,
                                      change_note=change_note, **content)


@transaction.atomic
def respond(*, version: PlanVersion, by, kind: str, comment: str = "") -> PlanResponse:
    """The patient co-signs the newest version (once) or comments on it."""
    _require(by, version.patient, "take_part", Permission.TAKE_PART_IN_OWN_PLAN)
    newest = selectors.current_version(version.patient)
    if newest is None or newest.pk != version.pk:
        raise Refused(_("Planen er endret siden du åpnet den. Les den nye versjonen før du "
                        "svarer."))
    if kind == ResponseKind.SIGNED and selectors.signature_of(version) is not None:
        raise Refused(_("Du har allerede signert denne versjonen."))
    if kind == ResponseKind.COMMENT and not comment.strip():
        raise Refused(_("Skriv kommentaren din før du sender den."))
    return PlanResponse.objects.create(version=version, kind=kind, by=by,
                                       comment=comment if kind == ResponseKind.COMMENT else "")


@transaction.atomic
def request_confirmation(*, pathway, by) -> FollowUpRequest:
    """Ask the patient's municipality to confirm the follow-up plan and the named
    responsible professional of the closure checklist as they stand; the plan goes to
    the municipality as a message (kind FOLLOW_UP_PLAN)."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if not pathway.is_open:
        raise Refused(_("Forløpet er allerede avsluttet."))
    patient = pathway.patient
    if patient.municipality_id is None:
        raise Refused(_("Pasienten har ingen bostedskommune registrert. Registrer kommunen "
                        "før du ber den bekrefte oppfølgingsplanen."))
    if not shares_with_municipality(patient, pathway):
        raise Refused(_("Pasienten har ikke samtykket til at %(m)s ser planer i dette "
                        "forløpet. Kommunen kan ikke bekrefte uten samtykke: registrer "
                        "samtykket først.") % {"m": patient.municipality.name})
    checklist = selectors.latest_checklist(pathway)
    plan = selectors.current_version(patient)
    problems = selectors.hand_over_problems(checklist, plan)
    if problems:
        raise Refused(" ".join(problems))
    request = FollowUpRequest(
        pathway=pathway, municipality_id=patient.municipality_id,
        plan_version=plan if checklist.individual_plan_used else None,
        follow_up_plan="" if checklist.individual_plan_used else checklist.follow_up_plan,
        responsible=checklist.municipal_responsible, requested_by=by)
    message = send(by, kind="follow_up_plan", patient=patient, pathway=pathway,
                   to_municipality=patient.municipality, sender_unit=pathway.unit,
                   subject=_("Oppfølgingsplan ved avslutning: %(name)s") % {
                       "name": patient.name},
                   body=selectors.follow_up_text(request))
    request.message_id = getattr(message, "pk", None)
    request.save()
    return request


def _consent_shares_plans(user, pathway) -> bool:
    access = access_to(user, pathway)
    return access.can(Permission.CONFIRM_FOLLOW_UP) and access.shares(ConsentScope.PLANS)


@transaction.atomic
def confirm(*, request: FollowUpRequest, by, note: str = "") -> Confirmation:
    """The municipality confirms it has taken over the follow-up plan and its named
    responsible professional: a municipal role in the request's municipality, within
    the patient's consent (scope: plans)."""
    pathway = request.pathway
    require_on_pathway(by, Permission.CONFIRM_FOLLOW_UP, pathway)
    mine = municipal_roles_of(by).filter(municipality_id=request.municipality_id).exists()
    if not mine or not _consent_shares_plans(by, pathway):
        raise NotPermitted(Permission.CONFIRM_FOLLOW_UP, on=f"pathway {pathway.pk}")
    if not pathway.is_open:
        raise Refused(_("Forløpet er allerede avsluttet."))
    newest = selectors.newest_request(pathway)
    if newest is None or newest.pk != request.pk:
        raise Refused(_("Spesialisthelsetjenesten har sendt en nyere oppfølgingsplan. Les "
                        "den og bekreft den i stedet."))
    if selectors.confirmation_of(request) is not None:
        raise Refused(_("Oppfølgingsplanen er allerede bekreftet."))
    return Confirmation.objects.create(request=request, note=note, confirmed_by=by)
