"""Intake fixtures: a secretary and a leader of unit A, and a referral waiting there."""

import datetime as dt
import random

import pytest
import time_machine

from forlop.accounts.roles import Role
from forlop.intake.services import NewPatient, register_referral
from forlop.kernel.identifiers import generate_synthetic_fnr
from tests import factories
from tests.conftest import TODAY

NUMBERS = random.Random(2026)


@pytest.fixture
def secretary(org):
    return factories.user("sekretaer", role=Role.SECRETARY, unit=org.unit_a)


@pytest.fixture
def leader(org):
    return factories.user("leder", role=Role.LEADER, unit=org.unit_a)


@pytest.fixture
def frozen():
    """Today is ``TODAY`` (Monday 3 June 2024) for services and pages alike."""
    with time_machine.travel(dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC), tick=False):
        yield TODAY


def new_number() -> str:
    return generate_synthetic_fnr(NUMBERS)


def referral(*, unit, by, received_on=TODAY, name="Henvist Testesen", number=None, **kwargs):
    kwargs.setdefault("referrer_kind", "other")
    kwargs.setdefault("referrer_name", "Annen Henviser")
    return register_referral(unit=unit, by=by, received_on=received_on, today=TODAY,
                             patient=NewPatient(number or new_number(), name), **kwargs)


@pytest.fixture
def waiting(org, secretary):
    return referral(unit=org.unit_a, by=secretary, received_on=TODAY - dt.timedelta(days=3))
