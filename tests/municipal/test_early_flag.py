"""The early flag: municipal staff ask the person's GP office to assess a referral.
It goes to the GP office as a message (kind EARLY_FLAG); the flagger sees nothing
from the specialist service, on any page or in any response."""

import random

import pytest
from django.test import Client

from forlop.access.authorize import NotPermitted
from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.messaging.models import Message, MessageKind
from forlop.municipal import services
from forlop.municipal.models import EarlyFlag
from forlop.patients.models import Patient


def test_flag_goes_to_the_gp_office_as_a_message(org, kommune):
    flag = services.flag_early(by=kommune, municipality=org.municipality,
                               identifier=generate_synthetic_fnr(random.Random(5)),
                               name="Ola Nordmann", gp_office=org.gp_office,
                               concern="Har sluttet å møte opp")
    message = Message.objects.get()
    assert (message.kind, message.to_gp_office, message.patient) == (
        MessageKind.EARLY_FLAG, org.gp_office, flag.patient)
    assert "Har sluttet å møte opp" in message.body
    assert flag.patient.municipality == org.municipality


def test_only_municipal_staff_flag(org, coordinator, other_coordinator):
    for by in (coordinator, other_coordinator):
        with pytest.raises(NotPermitted):
            services.flag_early(by=by, municipality=org.municipality,
                                identifier=generate_synthetic_fnr(random.Random(5)),
                                name="Ola", gp_office=org.gp_office, concern="x")
    assert not EarlyFlag.objects.exists()


def test_the_flagger_sees_no_specialist_data(org, kommune, pathway, person, coordinator):
    """The person already has a pathway in unit A (no consent to the municipality).
    Every page and answer the flagger meets holds nothing of it: not the unit, the
    pathway type, its coordinator, nor the name the register holds."""
    secrets = [org.unit_a.name, "Rusbehandling", coordinator.username.title(),
               "Oppdiktet", f"/forlop/{pathway.pk}/"]
    client = Client()
    client.force_login(kommune)
    pages = [client.get("/kommune/tidlig-varsel/")]
    answer = client.post("/kommune/tidlig-varsel/", {
        "identifier": person.identifier, "name": "Mona Testperson",
        "gp_office": org.gp_office.pk, "concern": "Virker svært nedstemt"}, follow=True)
    pages += [answer, client.get("/kommune/"), client.get("/kommune/melding-om-behov/")]
    assert answer.status_code == 200 and "Varselet er sendt" in answer.content.decode()
    for page in pages:
        text = page.content.decode()
        assert [s for s in secrets if s in text] == []
    flag = EarlyFlag.objects.get()
    assert flag.patient == person and flag.person_name == "Mona Testperson"
    body = Message.objects.get().body
    assert [s for s in secrets if s in body] == []
    assert Patient.objects.get(pk=person.pk).name == "Mona Oppdiktet"  # untouched


def test_a_refused_flag_names_the_field(org, kommune):
    client = Client()
    client.force_login(kommune)
    answer = client.post("/kommune/tidlig-varsel/", {
        "identifier": "123", "name": "Ola", "concern": ""})
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "11 sifre" in text and "Personens fastlegekontor" in text
    assert not EarlyFlag.objects.exists()
