"""A municipality with its coordinating unit's lead and two municipal coordinators, a
patient living there on a pathway in unit A, and a consent to share with the
municipality (made per test with ``share``)."""

import datetime as dt

import pytest

from forlop.access.models import Consent, Participant
from forlop.accounts.roles import Role
from forlop.organisations.models import Municipality
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def lead(org):
    return factories.user("ke-leder", role=Role.COORDINATING_UNIT_LEAD,
                          municipality=org.municipality)


@pytest.fixture
def kommune(org):
    user = factories.user("kommune", role=Role.MUNICIPAL_COORDINATOR,
                          municipality=org.municipality)
    user.first_name, user.last_name, user.email = "Kjell", "Kommunesen", "kjell@testvik.example"
    user.save()
    return user


@pytest.fixture
def elsewhere():
    return Municipality.objects.create(name="Annenvik kommune", number="1998",
                                       org_number="100009102",
                                       coordinating_unit_name="KE Annenvik")


@pytest.fixture
def other_coordinator(elsewhere):
    return factories.user("kommune-annen", role=Role.MUNICIPAL_COORDINATOR,
                          municipality=elsewhere)


@pytest.fixture
def person(org):
    patient = factories.patient("Mona Oppdiktet")
    patient.municipality, patient.gp_office = org.municipality, org.gp_office
    patient.save()
    return patient


@pytest.fixture
def pathway(org, coordinator, person):
    return factories.pathway(patient=person, unit=org.unit_a, by=coordinator, today=TODAY,
                             coordinator=coordinator)


@pytest.fixture
def share(org, person, coordinator):
    """Give the municipality a consent of ``scope``; returns the consent."""

    def make(scope, **kw):
        return Consent.objects.create(patient=person, participant=Participant.MUNICIPALITY,
                                      participant_municipality=org.municipality, scope=scope,
                                      valid_from=dt.date(2024, 1, 1), registered_by=coordinator,
                                      **kw)

    return make
