"""A small world for the FHIR endpoints: a coordinator's unit with one TSB pathway
(attended, decided, evaluated), its patient who can sign in, a consent to the
municipality, and an outsider in another trust."""

import datetime as dt
from types import SimpleNamespace

import pytest

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.accounts.models import User
from forlop.pathways.services import register_event
from tests import factories

TODAY = dt.date(2024, 6, 3)


@pytest.fixture
def world(org, coordinator, outsider):
    patient = factories.patient("Per Pasient")
    patient.user = User.objects.create_user(username="per", password="test-passord-123")
    patient.save()
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                started_on=TODAY - dt.timedelta(days=60),
                                coordinator=coordinator)
    for event, days, outcome in [("first_attendance", 50, ""), ("clinical_decision", 40, "CT"),
                                 ("evaluation", 30, "")]:
        register_event(pathway=pathway, event=event, on=TODAY - dt.timedelta(days=days),
                       by=coordinator, outcome=outcome, today=TODAY)
    consent = Consent.objects.create(
        patient=patient, participant=Participant.MUNICIPALITY,
        participant_municipality=org.municipality, scope=ConsentScope.OVERVIEW,
        valid_from=TODAY - dt.timedelta(days=10), registered_by=coordinator)
    return SimpleNamespace(org=org, coordinator=coordinator, outsider=outsider,
                           patient=patient, pathway=pathway, consent=consent)


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.coordinator)
    return client
