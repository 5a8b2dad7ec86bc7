"""Consultations before a referral: the GP asks a unit about a list patient, the
unit's clinical staff answer; each side gets the other's words as a message."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.models import AccessLogEntry
from forlop.gpcare.models import Consultation
from forlop.gpcare.services import answer_consultation, ask_consultation
from forlop.messaging.models import Message, MessageKind
from forlop.patients.models import Patient
from tests import factories
from tests.intake.conftest import new_number


@pytest.fixture
def listed(org):
    made = factories.patient("Liv Listepasient")
    made.gp_office = org.gp_office
    made.save()
    return made


def ask(gp, office, unit, patient, question="Bør hun henvises til DPS?"):
    return ask_consultation(by=gp, office=office, unit=unit, identifier=patient.identifier,
                            name="", question=question)


def test_the_gp_asks_and_the_unit_is_sent_the_question(gp, org, listed):
    asked = ask(gp, org.gp_office, org.unit_a, listed)

    message = Message.objects.get()
    assert (asked.patient, asked.is_answered) == (listed, False)
    assert (message.kind, message.to_unit, message.sender, message.patient) == (
        MessageKind.CONSULTATION, org.unit_a, gp, listed)
    assert "Bør hun henvises til DPS?" in message.body


def test_an_unknown_number_becomes_a_patient_on_the_offices_list(gp, org):
    number = new_number()

    asked = ask_consultation(by=gp, office=org.gp_office, unit=org.unit_a, identifier=number,
                             name="Ny Pasient", question="Spørsmål")

    assert Patient.objects.get(identifier=number).gp_office == org.gp_office
    assert asked.patient.name == "Ny Pasient"


def test_another_offices_patient_is_refused(gp, org, other_office):
    elsewhere = factories.patient()
    elsewhere.gp_office = other_office
    elsewhere.save()

    with pytest.raises(ValidationError) as refused:
        ask(gp, org.gp_office, org.unit_a, elsewhere)
    assert "identifier" in refused.value.error_dict
    assert Consultation.objects.count() == 0


def test_a_gp_asks_only_for_their_own_office(other_gp, org, listed):
    with pytest.raises(NotPermitted):
        ask(other_gp, org.gp_office, org.unit_a, listed)


def test_the_unit_answers_once_and_the_gp_office_is_sent_the_answer(gp, org, listed,
                                                                     clinician):
    asked = ask(gp, org.gp_office, org.unit_a, listed)

    answer_consultation(by=clinician, consultation=asked, answer="Ja, henvis til DPS Test.")

    asked.refresh_from_db()
    answer = Message.objects.filter(to_gp_office=org.gp_office).get()
    assert (asked.answered_by, asked.answer) == (clinician, "Ja, henvis til DPS Test.")
    assert "Ja, henvis til DPS Test." in answer.body
    with pytest.raises(ValidationError):
        answer_consultation(by=clinician, consultation=asked, answer="Igjen")


def test_another_units_staff_may_not_answer(gp, org, listed, outsider):
    asked = ask(gp, org.gp_office, org.unit_a, listed)

    with pytest.raises(NotPermitted):
        answer_consultation(by=outsider, consultation=asked, answer="Nei")


def test_the_pages_each_side_sees_and_logs(client, gp, other_gp, org, listed, clinician,
                                           outsider):
    asked = ask(gp, org.gp_office, org.unit_a, listed)
    url = reverse("gpcare:consultation", args=[asked.pk])

    seen = {}
    for who in (gp, clinician, other_gp, outsider):
        client.force_login(who)
        seen[who.username] = client.get(url).status_code

    assert seen == {"frida": 200, "behandler": 200, "olav": 404, "utenforstaende": 404}
    assert set(AccessLogEntry.objects.filter(what="consultation", action="read")
               .values_list("basis", flat=True)) == {"gp_list", "unit"}


def test_the_unit_answers_on_the_page_and_the_gp_may_not(client, gp, org, listed,
                                                        clinician):
    asked = ask(gp, org.gp_office, org.unit_a, listed)
    url = reverse("gpcare:consultation", args=[asked.pk])
    client.force_login(gp)
    assert client.post(url, {"answer": "Fra fastlegen"}).status_code == 403

    client.force_login(clinician)
    response = client.post(url, {"answer": "Henvis gjerne."})

    assert response.status_code == 302
    assert Consultation.objects.get().answer == "Henvis gjerne."


def test_the_gp_asks_on_the_page(client, gp, org, listed):
    client.force_login(gp)

    response = client.post(reverse("gpcare:consultation_new"), {
        "office": org.gp_office.pk, "unit": org.unit_a.pk, "identifier": listed.identifier,
        "question": "Trenger han utredning?"})

    assert response.status_code == 302
    assert Consultation.objects.get().question == "Trenger han utredning?"


def test_the_units_list_shows_only_its_own_consultations(client, gp, org, listed,
                                                         clinician, outsider):
    ask(gp, org.gp_office, org.unit_a, listed)
    shown = {}
    for who in (clinician, outsider):
        client.force_login(who)
        shown[who.username] = listed.name in client.get(
            reverse("gpcare:consultations")).content.decode()

    assert shown == {"behandler": True, "utenforstaende": False}
