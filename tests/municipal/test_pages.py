"""The pages: both coordinators named on the pathway page, Min side and the
relative's page; the navigation; appointing without a notice; refusals named by
field; nynorsk."""

import datetime as dt
import random

from django.test import Client
from django.utils import translation

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.accounts.roles import Role
from forlop.kernel.identifiers import generate_synthetic_fnr
from forlop.municipal import services
from forlop.municipal.models import CoordinatorAppointment
from tests import factories


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _appoint(org, lead, kommune, person):
    services.appoint_coordinator(
        by=lead, municipality=org.municipality, patient=person, person_name=person.name,
        coordinator=kommune, service="Psykisk helse og rus", phone="400 00 001",
        email="kjell@testvik.example")


def test_pathway_page_names_both_coordinators(org, lead, kommune, person, pathway,
                                              coordinator):
    coordinator.email = "kari@dps.example"
    coordinator.save()
    page = _client(coordinator).get(f"/forlop/{pathway.pk}/").content.decode()
    assert "Kommunal koordinator" in page and "ikke oppnevnt" in page
    _appoint(org, lead, kommune, person)
    page = _client(coordinator).get(f"/forlop/{pathway.pk}/").content.decode()
    assert "Kjell Kommunesen, Psykisk helse og rus" in page and "400 00 001" in page
    assert "kari@dps.example" in page  # the specialist coordinator beside
    assert f"/forlop/{pathway.pk}/melding-om-behov/" in page


def test_min_side_and_the_relatives_page_name_the_municipal_coordinator(
        org, lead, kommune, person, pathway, coordinator):
    _appoint(org, lead, kommune, person)
    patient_user = factories.user("pasient", role=Role.PATIENT)
    person.user = patient_user
    person.save()
    page = _client(patient_user).get("/min-side/").content.decode()
    assert "Kjell Kommunesen" in page and "400 00 001" in page
    assert f"/forlop/{pathway.pk}/melding-om-behov/" in page
    relative = factories.user("parorende", role=Role.RELATIVE)
    Consent.objects.create(patient=person, participant=Participant.RELATIVE,
                           participant_user=relative, scope=ConsentScope.OVERVIEW,
                           valid_from=dt.date(2024, 1, 1), registered_by=coordinator)
    page = _client(relative).get("/parorende/").content.decode()
    assert "Kjell Kommunesen" in page and "kjell@testvik.example" in page


def test_navigation_offers_the_municipal_pages_by_role(lead, kommune, coordinator):
    lead_page = _client(lead).get("/kommune/koordinerende-enhet/").content.decode()
    assert 'href="/kommune/koordinerende-enhet/"' in lead_page
    assert 'href="/kommune/"' not in lead_page
    mine = _client(kommune).get("/kommune/").content.decode()
    assert 'href="/kommune/"' in mine and 'href="/kommune/koordinerende-enhet/"' not in mine
    assert "/kommune/" not in _client(coordinator).get("/").content.decode()


def test_lead_appoints_without_a_notice(org, lead, kommune):
    client = _client(lead)
    number = generate_synthetic_fnr(random.Random(11))
    refused = client.post("/kommune/koordinerende-enhet/oppnevn/", {
        "identifier": number, "name": "Siri Uten Forløp", "coordinator": kommune.pk,
        "service": ""})
    assert refused.status_code == 400 and not CoordinatorAppointment.objects.exists()
    done = client.post("/kommune/koordinerende-enhet/oppnevn/", {
        "identifier": number, "name": "Siri Uten Forløp", "coordinator": kommune.pk,
        "service": "Hjemmetjenesten", "email": "kjell@testvik.example"})
    assert done.status_code == 302
    appointment = CoordinatorAppointment.objects.get()
    assert (appointment.person_name, appointment.patient.pathways.count()) == (
        "Siri Uten Forløp", 0)
    assert "Siri Uten Forløp" in _client(kommune).get("/kommune/").content.decode()


def test_pages_in_nynorsk(lead, kommune):
    with translation.override("nn"):
        client = _client(kommune)
        client.cookies["django_language"] = "nn"
        page = client.get("/kommune/", HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Personane mine" in page and "Møte du er invitert til" in page
