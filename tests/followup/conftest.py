"""A patient of Testvik with a pathway in unit A, their GP office and account; the
municipality's roles; a consent sharing plans with Testvik (``shared``)."""

import datetime as dt

import pytest

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.accounts.roles import Role
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def patient_user(db):
    return factories.user("pasient", role=Role.PATIENT)


@pytest.fixture
def patient(org, patient_user):
    p = factories.patient("Ida Oppdiktet")
    p.municipality, p.gp_office, p.user = org.municipality, org.gp_office, patient_user
    p.save()
    return p


@pytest.fixture
def pathway(org, patient, coordinator):
    return factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                             coordinator=coordinator)


@pytest.fixture
def ke_lead(org):
    return factories.user("ke-leder", role=Role.COORDINATING_UNIT_LEAD,
                          municipality=org.municipality)


@pytest.fixture
def elsewhere(db):
    from forlop.organisations.models import Municipality

    other = Municipality.objects.create(name="Annenvik kommune", number="1998",
                                        org_number="100009102")
    return factories.user("annenvik", role=Role.MUNICIPAL_COORDINATOR, municipality=other)


def share(patient, municipality, scope=ConsentScope.PLANS, *, by, pathway=None, **kw):
    return Consent.objects.create(patient=patient, participant=Participant.MUNICIPALITY,
                                  participant_municipality=municipality, scope=scope,
                                  valid_from=dt.date(2024, 1, 1), registered_by=by,
                                  pathway=pathway, **kw)


@pytest.fixture
def shared(org, patient, coordinator):
    return share(patient, org.municipality, by=coordinator)
