"""One patient on a pathway in unit A, another patient with their own relatives,
and relative accounts on both sides."""

import pytest

from forlop.accounts.roles import Role
from forlop.patients.models import Relative
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def pathway(org, coordinator):
    patient = factories.patient("Mohammed Oppdiktet")
    patient.municipality = org.municipality
    patient.save()
    return factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                             coordinator=coordinator)


@pytest.fixture
def other_pathway(org, coordinator):
    return factories.pathway(patient=factories.patient("Per Pasient"), unit=org.unit_a,
                             by=coordinator, today=TODAY)


def relative_account(username):
    return factories.user(username, role=Role.RELATIVE)


@pytest.fixture
def own_relative(pathway, coordinator):
    """A relative account in this patient's register."""
    user = relative_account("egen-parorende")
    Relative.objects.create(patient=pathway.patient, name="Egen Pårørende", relation="partner",
                            user=user, registered_by=coordinator)
    return user


@pytest.fixture
def others_relative(other_pathway, coordinator):
    """A relative account in ANOTHER patient's register (Pia on Per's pathway)."""
    user = relative_account("pia")
    Relative.objects.create(patient=other_pathway.patient, name="Pia Pårørende",
                            relation="partner", user=user, registered_by=coordinator)
    return user
