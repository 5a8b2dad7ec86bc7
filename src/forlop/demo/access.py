"""Access-control examples in the demo, so each persona has something to try:
the patient persona owns a pathway, shares it with a relative, their municipality
and their GP, and bars one clinician; a former relative's consent has expired; a
clinician from another unit has taken emergency access awaiting the leader's review.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from forlop.access import services
from forlop.access.audit import Touch, append
from forlop.access.models import Action, Basis, ConsentScope, Participant
from forlop.collaboration.services import (
    add_action,
    add_relative,
    plan_meeting,
    record_evaluation,
    record_minutes,
    save_checklist,
)
from forlop.demo.users import REGISTRARS
from forlop.pathways.models import Pathway


def create_access_examples(org, users, *, today: dt.date) -> None:
    adult = list(Pathway.objects.filter(unit=org.units_by_type["voksne"], is_open=True)
                 .select_related("patient").order_by("pk")[:3])
    if len(adult) < 2:
        return  # a tiny demo (tests) may have no adult pathways to share
    own, emergency = adult[0], adult[1]
    patient = own.patient
    patient.user, patient.name = users["pasient"], "Per Pasient"
    patient.municipality = org.municipalities[0]
    patient.save(update_fields=["user", "name", "municipality"])
    by = users["pasient"]
    since = today - dt.timedelta(days=30)
    _register_relatives(own, users, today)
    services.grant_consent(patient=patient, by=by, participant=Participant.RELATIVE,
                           participant_user=users["parorende"], scope=ConsentScope.PLANS,
                           valid_from=since)
    services.grant_consent(patient=patient, by=by, participant=Participant.RELATIVE,
                           participant_user=users["tidligere-parorende"],
                           scope=ConsentScope.OVERVIEW, valid_from=since - dt.timedelta(200),
                           valid_to=today - dt.timedelta(days=1))
    services.grant_consent(patient=patient, by=by, participant=Participant.MUNICIPALITY,
                           participant_municipality=patient.municipality,
                           scope=ConsentScope.COLLABORATION, valid_from=since)
    services.grant_consent(patient=patient, by=by, participant=Participant.MEETING,
                           participant_user=users["fastlege"], scope=ConsentScope.PLANS,
                           valid_from=since, pathway=own)
    _care_examples(own, users, today)
    services.add_restriction(patient=patient, by=by, barred_user=users["sperret"],
                             reason="Kjenner behandleren privat")
    _share_some_with_municipality(org, users, since)
    append(user=users["koordinator"], request_id="demo", action=Action.READ, what="pathway",
           touches=[Touch(patient.pk, Basis.UNIT, "coordinator", own.unit_id)])
    services.take_break_glass(user=users["rus"], patient=emergency.patient,
                              reason="Innlagt akutt i rusakutten, trenger oversikt over "
                                     "pågående behandling")


def _register_relatives(pathway, users, today) -> None:
    """Per Pasient's relatives: Pia and Tor have accounts (so consent can name them),
    Ella is a minor child followed up at school, Jonas a minor sibling."""
    by = users["koordinator"]
    add_relative(pathway=pathway, by=by, name="Pia Pårørende", relation="partner",
                 contact="Telefon 400 00 000 (syntetisk)", user=users["parorende"],
                 support_needs="Ønsker samtale om hvordan hun kan støtte Per.")
    add_relative(pathway=pathway, by=by, name="Tor Tidligere", relation="sibling",
                 user=users["tidligere-parorende"])
    add_relative(pathway=pathway, by=by, name="Ella Pasient", relation="child", minor="child",
                 birth_year=today.year - 9, follow_up_by="school",
                 information_needs="Alderstilpasset informasjon om pappas sykdom; "
                                   "kontaktlærer vet om situasjonen.")
    add_relative(pathway=pathway, by=by, name="Jonas Pasient", relation="sibling",
                 minor="sibling", birth_year=today.year - 15, follow_up_by="health_visitor",
                 information_needs="Samtale med helsesykepleier på skolen.")


def _care_examples(pathway, users, today) -> None:
    """On Per's pathway: an evaluation with the checklist, a meeting held with an
    action for the clinician, a meeting planned with Pia and the GP (both consented),
    and a closure checklist begun (the pathway page shows what is still missing)."""
    by = users["koordinator"]
    record_evaluation(
        pathway=pathway, by=users["behandler"], on=max(pathway.started_on, today - dt.timedelta(
            days=14)), today=today, still_right="adjust", user_involved=True,
        still_right_note="Mer vekt på søvn og aktivitet.",
        goals_progress="Per går tur tre ganger i uka og er mer på jobb.",
        involvement_note="Per valgte selv målene for neste periode.", tool="honos",
        score="14", children="yes", children_note="Ella har fått samtale med kontaktlærer.",
        satisfaction_asked=True, satisfaction_note="Fornøyd, vil ha kortere ventetid.",
        lifestyle={"smoking": {"asked": True, "agreed": "Røykesluttkurs i kommunen."},
                   "sleep": {"asked": True, "agreed": "Søvndagbok i to uker."},
                   "activity": {"asked": True, "agreed": "Turgruppe to dager i uka."}})
    held = plan_meeting(pathway=pathway, by=by, starts_at=_at(today - dt.timedelta(days=10)),
                        mode="in_person", place="DPS Nordby, møterom 2",
                        agenda="Evaluering og plan for de neste ukene",
                        people=[users["fastlege"]])
    record_minutes(meeting=held, by=by, held_on=today - dt.timedelta(days=10),
                   minutes="Per, fastlegen og behandler til stede. Enige om ny plan for søvn.")
    add_action(meeting=held, by=by, what="Sende oppdatert plan til fastlegen",
               owner=users["behandler"], due=today + dt.timedelta(days=5))
    plan_meeting(pathway=pathway, by=by, starts_at=_at(today + dt.timedelta(days=12)),
                 mode="video", place="Video (lenke sendes på SMS)",
                 agenda="Forberede neste evaluering; Pia ønsker å delta.",
                 people=[users["parorende"], users["fastlege"]],
                 evaluation_due=today + dt.timedelta(days=20))
    save_checklist(pathway=pathway, by=by, patient_agrees=False, service_agrees=False,
                   municipal_responsible="Kjell Kommunekoordinator, psykisk helse")


def _at(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))


def _share_some_with_municipality(org, users, since) -> None:
    """Every third patient living in the first municipality has consented to share
    with its coordinating unit, so the municipal personas have a worklist."""
    municipality = org.municipalities[0]
    shared = (Pathway.objects.filter(patient__municipality=municipality, is_open=True)
              .exclude(patient__user__isnull=False).select_related("patient").order_by("pk"))
    # Registered on the patient's word by a clinician of the pathway's unit (the
    # service checks that its actor may manage consent there).
    registrar = {unit.pk: users[REGISTRARS[kind]] for kind, unit in org.units_by_type.items()}
    registrar[org.other_unit.pk] = users[REGISTRARS["other"]]
    for pathway in list(shared)[::3]:
        services.grant_consent(patient=pathway.patient, by=registrar[pathway.unit_id],
                               participant=Participant.MUNICIPALITY,
                               participant_municipality=municipality,
                               scope=ConsentScope.PLANS, valid_from=since,
                               basis=Basis.UNIT)
