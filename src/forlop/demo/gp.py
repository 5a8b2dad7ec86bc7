"""The GP's side in the demo (docs/gp.md): Per Pasient was referred by Frida Fastlege
(a user here), whose office then got the feedback letter(s); a closed pathway of
another list patient stays on her page ("before and after"); she asked DPS Nordby
about a third patient and got an answer, and a fourth question waits there."""

from __future__ import annotations

import datetime as dt

from forlop.access import services as access_services
from forlop.access.models import Basis, ConsentScope, Participant
from forlop.gpcare import feedback
from forlop.gpcare.models import UnitContact
from forlop.gpcare.services import answer_consultation, ask_consultation, send_feedback
from forlop.pathways.models import Pathway


def create_gp_examples(org, users, *, today: dt.date, new_person) -> None:
    """``new_person()`` gives a synthetic (number, name) for the consultations."""
    gp, office = users["fastlege"], org.gp_offices[0]
    gp.hpr_number = "9144889"  # synthetic
    gp.save(update_fields=["hpr_number"])
    for n, unit in enumerate(org.units_by_type.values()):
        UnitContact.objects.get_or_create(unit=unit, defaults={
            "phone": f"22 00 {10 + n:02d} 00", "hours": "Hverdager 8–15"})
    adult = org.units_by_type["voksne"]
    own = (Pathway.objects.filter(patient__user=users["pasient"], unit=adult)
           .select_related("patient", "referral").first())
    if own is None:
        return  # a tiny demo (tests) has no Per Pasient
    _referred_by(own, gp, office)
    coordinator = users["koordinator"]
    send_feedback(pathway=own, by=coordinator, kind=feedback.ASSESSMENT, today=today,
                  next_steps="Per får innkalling til første samtale på DPS Nordby. "
                             "Kari Koordinator er kontaktperson til han har fått behandler.")
    if feedback.latest_decision(own) is not None:
        send_feedback(pathway=own, by=coordinator, kind=feedback.DECISION, today=today,
                      next_steps="Behandling i poliklinikken hver uke. Fastlegen følger "
                                 "opp blodprøver og vekt (somatisk helse).")
    closed = (Pathway.objects.filter(unit=adult, is_open=False)
              .exclude(patient=own.patient).select_related("patient", "referral").first())
    if closed is not None:
        _referred_by(closed, gp, office)
        access_services.grant_consent(
            patient=closed.patient, by=coordinator, participant=Participant.MEETING,
            participant_user=gp, scope=ConsentScope.PLANS, pathway=closed,
            valid_from=closed.started_on, basis=Basis.UNIT)
    number, name = new_person()
    asked = ask_consultation(by=gp, office=office, unit=adult, identifier=number, name=name,
                             question="Ung mann med angst og søvnvansker i et halvt år, "
                                      "ikke bedre av samtaler her. Bør han henvises til "
                                      "DPS, eller er det noe vi bør prøve først?")
    answer_consultation(by=users["behandler"], consultation=asked,
                        answer="Prøv gjerne et kurs i mestring av angst i kommunen først. "
                               "Blir det ikke bedre innen seks uker, henvis til DPS Nordby "
                               "med kartleggingen fra kurset.")
    number, name = new_person()
    ask_consultation(by=gp, office=office, unit=adult, identifier=number, name=name,
                     question="Kvinne med mulig bipolar lidelse, står på litium fra før. "
                              "Kan DPS ta en vurdering uten full henvisning?")


def _referred_by(pathway, gp, office) -> None:
    """The demo's pathways were loaded with a made-up referrer: this one came from the
    GP persona, whose list the patient is on."""
    patient = pathway.patient
    patient.gp_office = office
    patient.save(update_fields=["gp_office"])
    if pathway.referral is not None:
        referral = pathway.referral
        referral.referrer_kind, referral.gp_office, referral.referring_gp = "gp", office, gp
        referral.referrer_name, referral.referrer_hpr = gp.get_full_name(), gp.hpr_number
        referral.save(update_fields=["referrer_kind", "gp_office", "referring_gp",
                                     "referrer_name", "referrer_hpr"])
