"""The treatment plan in the demo: Per Pasient's plan, written by his clinician
with his goals in his own words, awaits his co-signature on Min side; his relative
Pia (consent "plans and agreements") has left a word for the clinician."""

from __future__ import annotations

import datetime as dt

from forlop.pathways.models import Pathway
from forlop.pathways.services.correct import correct_event
from forlop.plans import services


def create_plan_examples(users, *, today: dt.date) -> None:
    own = (Pathway.objects.filter(patient__user=users["pasient"], is_open=True)
           .order_by("pk").first())
    if own is None:
        return  # a tiny demo (tests) may have no pathway for the patient persona
    _withdraw_unsupported_claim(own, users["koordinator"], today)
    services.save_version(pathway=own, by=users["behandler"], content={
        "goals": "Jeg vil sove bedre og klare å gå på jobb igjen, først to dager i uka.",
        "what_matters": "Å være der for barna, og å slippe å føle meg alene med dette.",
        "options_offered": "Samtalebehandling hver uke; gruppe for søvnproblemer; "
                           "vurdering av medisiner.",
        "option_chosen": "Samtalebehandling hver uke, og gruppe for søvn fra januar.",
        "measures": [
            {"what": "Samtale hver tirsdag", "who": "Bjørn Behandler",
             "by": (today + dt.timedelta(days=56)).isoformat()},
            {"what": "Søvndagbok hver morgen", "who": "Per selv",
             "by": (today + dt.timedelta(days=28)).isoformat()},
            {"what": "Møte med NAV om gradert sykmelding", "who": "Kari Koordinator",
             "by": (today + dt.timedelta(days=21)).isoformat()},
        ],
        "evaluation_dates": [(today + dt.timedelta(days=d)).isoformat() for d in (42, 98)],
        "crisis_plan": "Tegn på at det går dårlig: sover under fire timer, trekker meg "
                       "unna. Da går jeg en tur og ringer Pia. Hvis det ikke hjelper: "
                       "ring DPS på dagtid, legevakt 116 117 ellers, 113 ved fare for liv.",
        "individual_plan": "wants",
        "responsibility_group": "Fastlege Frida Fastlege, NAV-veileder, Kari Koordinator.",
    }, change_note="Første plan, laget i samtale med Per")
    services.answer_self_report(  # served as FHIR QuestionnaireResponse too
        pathway=own, by=users["pasient"],
        how_it_goes="Litt bedre. Jeg sover fem timer de fleste netter nå.",
        wants_to_discuss="Om jeg kan begynne på jobb to dager i uka.")
    services.leave_message(pathway=own, by=users["parorende"],
                           text="Per har sovet svært dårlig den siste uka og sier lite. "
                                "Jeg er bekymret og vil gjerne vite hvordan jeg kan hjelpe.")


def _withdraw_unsupported_claim(pathway, by, today) -> None:
    """The generated history may claim the plan was made with the patient, with no
    evidence behind it. On Per's pathway the claim is withdrawn: his co-signature
    will register it again (docs/care-plans.md)."""
    for event in pathway.events.effective().filter(event="treatment_plan").order_by("pk"):
        if event.data.get("together_with_patient"):
            correct_event(event=event, by=by, retract=True, today=today,
                          reason="Ikke dokumentert at planen ble laget sammen med pasienten. "
                                 "Ny plan venter på pasientens signatur.")
