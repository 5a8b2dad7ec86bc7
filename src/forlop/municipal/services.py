"""Writes of the municipal side. Each service checks its actor with
``forlop.access.authorize`` before it writes; nothing here restates who may do what.

Notices and early flags are also sent as messages (``forlop.messaging``): the
message records the state (sent, delivered, read) and the transport hands it on.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.authorize import (
    NotPermitted,
    municipality_permissions,
    require_in_municipality,
    require_on_pathway,
)
from forlop.access.models import Basis
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.kernel.identifiers import classify
from forlop.municipal import outgoing
from forlop.municipal.models import (
    CoordinatorAppointment,
    EarlyFlag,
    Need,
    NeedNotice,
    NoticeState,
    Source,
)
from forlop.patients.identifiers import identifier_problem
from forlop.patients.models import Patient


def person_for(identifier: str, name: str, *, municipality) -> Patient:
    """The person with this number in the register, or a new one living in
    ``municipality``. Nothing of a found person is given back to the page: the caller
    shows the name as the sender wrote it."""
    problem = identifier_problem(identifier)
    if problem:
        raise ValidationError({"identifier": problem})
    number, name = "".join(identifier.split()), " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Skriv personens navn.")})
    found = Patient.objects.filter(identifier=number).first()
    if found is not None:
        return found
    return Patient.objects.create(identifier=number, name=name, municipality=municipality,
                                  identifier_kind=classify(number).kind.value)


def _check_need(need: str, description: str) -> str:
    if need not in Need.values:
        raise ValidationError({"need": _("Velg om behovet gjelder individuell plan, "
                                         "koordinator eller begge.")})
    description = description.strip()
    if not description:
        raise ValidationError({"description": _(
            "Skriv kort hva behovet gjelder, så koordinerende enhet kan følge det opp.")})
    return description


@transaction.atomic
def notify_from_municipality(*, by, municipality, identifier: str, name: str, need: str,
                             description: str) -> NeedNotice:
    """Municipal staff tell the coordinating unit of a person's need."""
    require_in_municipality(by, Permission.NOTIFY_NEED, municipality)
    description = _check_need(need, description)
    patient = person_for(identifier, name, municipality=municipality)
    notice = NeedNotice.objects.create(
        municipality=municipality, patient=patient, need=need, description=description,
        source=Source.MUNICIPAL_STAFF, sent_by=by, person_name=" ".join(name.split()))
    outgoing.notice_sent(notice)
    return notice


def source_of(access) -> str:
    """Who is sending, from the basis of their access (the patient, a relative, or
    the specialist service)."""
    if Basis.OWN_RECORD in access.bases:
        return Source.PATIENT
    if Basis.RELATIVE_CONSENT in access.bases and len(access.bases) == 1:
        return Source.RELATIVE
    return Source.SPECIALIST


@transaction.atomic
def notify_on_pathway(*, by, pathway, need: str, description: str,
                      patient_agrees: bool = False) -> NeedNotice:
    """The patient (Min side), a relative (the relative's page) or the specialist
    service (the pathway page) tell the coordinating unit of the patient's
    municipality of a need. The specialist service sends it only with the patient's
    agreement (``patient_agrees``): it tells the municipality of the pathway."""
    require_on_pathway(by, Permission.NOTIFY_NEED, pathway)
    description = _check_need(need, description)
    source = source_of(access_to(by, pathway))
    if source == Source.SPECIALIST and not patient_agrees:
        raise ValidationError({"patient_agrees": _(
            "Meldingen sendes bare når pasienten er enig. Spør pasienten, og kryss av.")})
    patient = pathway.patient
    if patient.municipality_id is None:
        raise ValidationError({"need": _(
            "Pasienten har ingen bostedskommune registrert, så meldingen har ingen "
            "mottaker. Registrer kommunen hos behandleren først.")})
    notice = NeedNotice.objects.create(
        municipality=patient.municipality, patient=patient, pathway=pathway, need=need,
        description=description, source=source, sent_by=by,
        person_name=patient.name)
    outgoing.notice_sent(notice)
    return notice


@transaction.atomic
def appoint_coordinator(*, by, municipality, patient, person_name: str, coordinator,
                        service: str, phone: str = "", email: str = "",
                        notice: NeedNotice | None = None) -> CoordinatorAppointment:
    """The coordinating unit appoints a municipal coordinator for a person, pathway or
    not; the appointee must hold the municipal coordinator's role in the municipality.
    A current appointment for the person ends today; a notice named is handled."""
    require_in_municipality(by, Permission.MANAGE_COORDINATION, municipality)
    if notice is not None and notice.municipality_id != municipality.pk:
        raise NotPermitted(Permission.MANAGE_COORDINATION, on=f"notice {notice.pk}")
    errors = {}
    if Permission.COORDINATE_MUNICIPAL not in municipality_permissions(coordinator,
                                                                       municipality):
        errors["coordinator"] = _("Velg en kommunal koordinator i denne kommunen.")
    if not service.strip():
        errors["service"] = _("Skriv hvilken tjeneste som er mest involvert, for "
                              "eksempel «Psykisk helse og rus».")
    if not (phone.strip() or email.strip()):
        errors["phone"] = _("Skriv telefon eller e-post, så pasienten og de andre "
                            "tjenestene kan nå koordinatoren.")
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    CoordinatorAppointment.objects.current().filter(patient=patient).update(ended_on=today)
    appointment = CoordinatorAppointment.objects.create(
        municipality=municipality, patient=patient, person_name=person_name,
        coordinator=coordinator, service=service.strip(), phone=phone.strip(),
        email=email.strip(), notice=notice, appointed_by=by)
    if notice is not None and notice.state == NoticeState.RECEIVED:
        _handle(notice, by, _("Koordinator oppnevnt: %(name)s") % {
            "name": coordinator.get_full_name() or coordinator.username})
    return appointment


@transaction.atomic
def handle_notice(*, by, notice: NeedNotice, note: str) -> NeedNotice:
    """The coordinating unit has handled the notice without appointing (an individual
    plan started elsewhere, the person already has a coordinator ...)."""
    require_in_municipality(by, Permission.MANAGE_COORDINATION, notice.municipality)
    if notice.state != NoticeState.RECEIVED:
        raise ValidationError({"note": _("Meldingen er allerede behandlet.")})
    if not note.strip():
        raise ValidationError({"note": _("Skriv kort hva som er gjort med meldingen.")})
    _handle(notice, by, note.strip())
    return notice


def _handle(notice, by, note) -> None:
    notice.state, notice.handled_by, notice.handled_at = (NoticeState.HANDLED, by,
                                                          timezone.now())
    notice.handled_note = note[:300]
    notice.save(update_fields=["state", "handled_by", "handled_at", "handled_note"])


@transaction.atomic
def flag_early(*, by, municipality, identifier: str, name: str, gp_office,
               concern: str) -> EarlyFlag:
    """Municipal staff ask the person's GP to assess whether a referral is needed. The
    flag goes to the GP office as a message; the flagger gets nothing back."""
    require_in_municipality(by, Permission.FLAG_EARLY, municipality)
    if not concern.strip():
        raise ValidationError({"concern": _(
            "Skriv kort hva du har sett, så fastlegen vet hva som skal vurderes.")})
    if gp_office is None:
        raise ValidationError({"gp_office": _("Velg personens fastlegekontor.")})
    patient = person_for(identifier, name, municipality=municipality)
    flag = EarlyFlag.objects.create(municipality=municipality, patient=patient,
                                    person_name=" ".join(name.split()), gp_office=gp_office,
                                    concern=concern.strip(), flagged_by=by)
    outgoing.early_flag_sent(flag)
    return flag
