"""A unit with a coordinator and a leader (both with mail addresses), and a helper
that opens a pathway whose running clock falls due on a chosen day."""

import datetime as dt

import pytest

from forlop.pathways.services import register_event
from tests import factories
from tests.conftest import TODAY  # a Monday


@pytest.fixture
def coordinator(org):
    user = factories.user("koordinator", role="coordinator", unit=org.unit_a)
    user.email = "koordinator@forlop.example"
    user.save()
    return user


@pytest.fixture
def leader(org):
    user = factories.user("leder", role="leader", unit=org.unit_a)
    user.email = "leder@forlop.example"
    user.save()
    return user


@pytest.fixture
def due_on(org, coordinator):
    """``due_on(day)``: a TSB outpatient pathway in unit A whose clinical-decision
    clock (first attendance + 21 days) falls due on ``day``."""

    def make(due: dt.date, *, coordinator=coordinator, unit=None, name=None):
        attended = due - dt.timedelta(days=21)
        pathway = factories.pathway(patient=factories.patient(name), unit=unit or org.unit_a,
                                    by=coordinator, today=TODAY, coordinator=coordinator,
                                    started_on=attended - dt.timedelta(days=5))
        register_event(pathway=pathway, event="first_attendance", on=attended,
                       by=coordinator, today=TODAY)
        return pathway

    return make
