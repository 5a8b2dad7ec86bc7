"""The feedback letter to the referrer and the GP: its facts, read back out of the PDF,
the messages it is sent as, and who may send it (ADR 52)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from forlop.access.authorize import NotPermitted
from forlop.gpcare import feedback
from forlop.gpcare.models import UnitContact
from forlop.gpcare.services import send_feedback
from forlop.intake.services import assess_referral
from forlop.messaging.models import Message, MessageKind
from forlop.pathways.services.register import append_event
from tests.conftest import TODAY
from tests.gpcare.conftest import pdf_text
from tests.intake.conftest import referral


@pytest.fixture
def gp_referral(org, gp, coordinator):
    made = referral(unit=org.unit_a, by=coordinator, referrer_kind="gp",
                    referrer_name="", gp_office=org.gp_office, referring_gp=gp,
                    received_on=TODAY - dt.timedelta(days=3), name="Gunnar Henvist")
    UnitContact.objects.create(unit=org.unit_a, phone="22 00 00 00",
                               hours="Hverdager 8–15")
    return made


def test_the_assessment_sends_the_letter_to_the_referring_gp_office(
        gp_referral, coordinator, org, frozen):
    pathway = assess_referral(referral=gp_referral, by=coordinator, assessed_on=TODAY,
                              right_granted=True, type="voksne", setting="outpatient",
                              coordinator=coordinator)

    sent = Message.objects.get()
    text = pdf_text(sent.document)
    assert (sent.kind, sent.to_gp_office, sent.pathway, sent.document_type) == (
        MessageKind.FEEDBACK_ASSESSMENT, org.gp_office, pathway, "application/pdf")
    for fact in ("Tilbakemelding etter vurdering av henvisning", "Gunnar Henvist",
                 "Mottatt 31.5.2024 i DPS Test", "Frida Fastlege (HPR 9144889)",
                 "Testvik legesenter", "Vurdert 3.6.2024",
                 "Pasienten har rett til nødvendig helsehjelp",
                 "Pasienten får innkalling til første time fra DPS Test",
                 "Forløpskoordinator: Koordinator", "Telefon: 22 00 00 00",
                 "Hverdager 8–15"):
        assert fact in text


def test_a_referral_without_right_to_care_is_answered_too(gp_referral, coordinator, frozen):
    assess_referral(referral=gp_referral, by=coordinator, assessed_on=TODAY,
                    right_granted=False)

    text = pdf_text(Message.objects.get().document)
    assert "Pasienten har ikke rett til nødvendig helsehjelp" in text
    assert "Fastlegen har fortsatt det medisinske ansvaret" in text


def test_a_referral_from_no_gp_office_sends_nothing(org, coordinator, frozen):
    other = referral(unit=org.unit_a, by=coordinator)  # "annen henviser", no GP known

    assess_referral(referral=other, by=coordinator, assessed_on=TODAY, right_granted=False)

    assert Message.objects.count() == 0


@pytest.fixture
def decided(gp_referral, coordinator, frozen):
    pathway = assess_referral(referral=gp_referral, by=coordinator,
                              assessed_on=TODAY - dt.timedelta(days=2), right_granted=True,
                              type="voksne", setting="outpatient", coordinator=coordinator)
    append_event(pathway=pathway, event="first_attendance", on=TODAY - dt.timedelta(days=1),
                 by=coordinator, today=TODAY)
    append_event(pathway=pathway, event="clinical_decision", on=TODAY, outcome="CP",
                 by=coordinator, today=TODAY)
    Message.objects.all().delete()
    return pathway


def test_the_decision_letter_holds_the_decision_and_what_happens_next(decided, coordinator):
    send_feedback(pathway=decided, by=coordinator, kind=feedback.DECISION,
                  next_steps="Første behandlingstime 12.6. Fastlegen følger opp blodprøver.",
                  today=TODAY)

    sent = Message.objects.get()
    text = pdf_text(sent.document)
    assert sent.kind == MessageKind.FEEDBACK_DECISION
    for fact in ("Tilbakemelding etter klinisk beslutning",
                 "3.6.2024: behandling i psykisk helsevern",
                 "Første behandlingstime 12.6. Fastlegen følger opp blodprøver.",
                 "Forløpskoordinator: Koordinator", "DPS Test, Test HF A"):
        assert fact in text
    assert "behandling i psykisk helsevern" in sent.body


def test_the_patients_own_gp_office_and_the_referring_one_each_get_it(
        decided, coordinator, other_office):
    decided.patient.gp_office = other_office
    decided.patient.save()

    send_feedback(pathway=decided, by=coordinator, kind=feedback.DECISION,
                  next_steps="Time neste uke.", today=TODAY)

    assert set(Message.objects.values_list("to_gp_office__name", flat=True)) == {
        "Nordre legekontor", "Testvik legesenter"}


def test_no_decision_letter_before_a_decision(gp_referral, coordinator, frozen):
    pathway = assess_referral(referral=gp_referral, by=coordinator, assessed_on=TODAY,
                              right_granted=True, type="voksne", setting="outpatient")

    with pytest.raises(ValidationError) as refused:
        send_feedback(pathway=pathway, by=coordinator, kind=feedback.DECISION,
                      next_steps="Noe", today=TODAY)
    assert "kind" in refused.value.error_dict


def test_a_secretary_may_not_send_feedback(decided, org):
    from tests import factories

    secretary = factories.user("sekr", role="secretary", unit=org.unit_a)

    with pytest.raises(NotPermitted):
        send_feedback(pathway=decided, by=secretary, kind=feedback.DECISION,
                      next_steps="Noe", today=TODAY)
    assert Message.objects.count() == 0


def test_feedback_needs_a_gp_office_to_go_to(org, coordinator, patient):
    from tests import factories

    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY)

    with pytest.raises(ValidationError) as refused:
        send_feedback(pathway=pathway, by=coordinator, kind=feedback.ASSESSMENT,
                      next_steps="Noe", today=TODAY)
    assert "ingen fastlege" in str(refused.value)


def test_the_letter_is_the_same_bytes_for_the_same_facts():
    facts = feedback.FeedbackFacts(
        kind=feedback.ASSESSMENT, patient_name="A", patient_identifier="1",
        unit_name="U", trust_name="T", received_on=TODAY, referrer="R",
        assessed_on=TODAY, right_granted=True, written_on=TODAY)

    assert feedback.render_pdf(facts) == feedback.render_pdf(facts)
