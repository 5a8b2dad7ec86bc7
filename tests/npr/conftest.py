"""Pathways with and without NPR findings, in the database."""

import datetime as dt

import pytest

from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.pathways.services import register_event
from tests import factories
from tests.conftest import TODAY


def clean(org, by, unit=None):
    """A TSB pathway with nothing to fix on TODAY."""
    made = factories.pathway(patient=factories.patient(), unit=unit or org.unit_a, by=by,
                             today=TODAY, started_on=TODAY - dt.timedelta(days=30))
    register_event(pathway=made, event="first_attendance", on=TODAY - dt.timedelta(days=20),
                   by=by, today=TODAY)
    return made


def after_end(org, by, unit=None):
    """A closed pathway with an evaluation after its end (NPR007). The kernel refuses
    such an event at registration, so the row is written around it, as an import
    from an older system could have."""
    made = clean(org, by, unit)
    PathwayEvent.objects.bulk_create([
        PathwayEvent(pathway=made, event="pathway_end", on=TODAY - dt.timedelta(days=10),
                     outcome="completed", registered_by=by),
        PathwayEvent(pathway=made, event="evaluation", on=TODAY - dt.timedelta(days=5),
                     registered_by=by),
    ])
    # Closed, as the import would have left it (no projection service ran).
    Pathway.objects.filter(pk=made.pk).update(is_open=False,
                                              closed_on=TODAY - dt.timedelta(days=10))
    PathwayState.objects.filter(pk=made.pk).update(is_open=False, state="closed",
                                                   next_due=None)
    made.refresh_from_db()
    return made


def silent(org, by, unit=None):
    """An open pathway with nothing registered for 120 days (NPR009, a warning)."""
    return factories.pathway(patient=factories.patient(), unit=unit or org.unit_a, by=by,
                             today=TODAY, started_on=TODAY - dt.timedelta(days=120))


@pytest.fixture
def cases(org, coordinator):
    return {"clean": clean(org, coordinator), "after_end": after_end(org, coordinator),
            "silent": silent(org, coordinator)}
