"""Personas and pathways for the access tests (on top of ``tests/conftest.py``).

``pathway`` (unit A) and ``second_pathway`` (unit B, the other trust) belong to the
same ``patient``; ``stranger_pathway`` belongs to someone else, in unit A.
"""

import pytest

from forlop.organisations.models import Municipality
from tests import factories
from tests.access import builders


@pytest.fixture
def second_pathway(org, patient, outsider):
    return builders.pathway(patient, org.unit_b, outsider, type="voksne")


@pytest.fixture
def stranger_pathway(org, coordinator):
    return builders.pathway(factories.patient(), org.unit_a, coordinator)


@pytest.fixture
def other_municipality(org):
    return Municipality.objects.create(name="Annenvik kommune", number="1998",
                                       org_number="100009102")


def _persona(name: str, username: str, role: str, unit: str | None = None):
    """A fixture ``name``: a user holding one role (in ``org.<unit>`` if given)."""

    @pytest.fixture(name=name)
    def fixture(org):
        return factories.user(username, role=role, unit=getattr(org, unit) if unit else None)

    return fixture


gp = _persona("gp", "fastlege", "gp")
relative = _persona("relative", "parorende", "relative")
secretary = _persona("secretary", "sekretaer", "secretary", unit="unit_a")
leader = _persona("leader", "leder", "leader", unit="unit_a")
sysadmin = _persona("sysadmin", "drift", "sysadmin")


@pytest.fixture
def patient_user(patient):
    """The patient's own account."""
    user = factories.user("pasient", role="patient")
    patient.user = user
    patient.save(update_fields=["user"])
    return user


@pytest.fixture
def sister(org):
    """A clinician in a sister unit of the same trust: reaches the patient only by
    emergency access."""
    return factories.user("sosterenhet", role="clinician", unit=org.unit_a2)
