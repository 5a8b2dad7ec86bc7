"""Data migrations of the projection: 0007 fills ``next_basis``, 0010 clears the
deadlines closed pathways still showed."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from forlop.pathways.models import PathwayState
from tests import factories
from tests.conftest import TODAY

migration = importlib.import_module("forlop.pathways.migrations.0007_state_next_basis")


def test_backfill_reads_the_next_clocks_basis(org, patient, coordinator):
    normed = factories.local_norm_pathway(org=org, patient=patient, by=coordinator,
                                          today=TODAY)
    national = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                                 today=TODAY)
    expected = dict(PathwayState.objects.values_list("pathway_id", "next_basis"))
    assert expected == {normed.pk: "local_norm", national.pk: "national"}
    PathwayState.objects.update(next_basis="")

    # The function reads only the editor's connection (a real editor cannot open
    # inside the test's transaction on SQLite).
    migration.fill_next_basis(apps, SimpleNamespace(connection=connection))

    assert dict(PathwayState.objects.values_list("pathway_id", "next_basis")) == expected


def test_closed_projections_lose_their_next_deadline(org, patient, coordinator):
    """Migration 0010: projections written before the rule keep no deadline."""
    clearing = importlib.import_module(
        "forlop.pathways.migrations.0010_closed_without_next_due")
    closed = factories.local_norm_pathway(org=org, patient=patient, by=coordinator,
                                          today=TODAY)
    still_open = factories.local_norm_pathway(org=org, patient=factories.patient(),
                                              by=coordinator, today=TODAY)
    state = PathwayState.objects.get(pathway=still_open)
    PathwayState.objects.filter(pathway=closed).update(
        state="closed", next_due=state.next_due, next_clock=state.next_clock,
        next_basis=state.next_basis)

    clearing.clear(apps, SimpleNamespace(connection=connection))

    assert PathwayState.objects.filter(pathway=closed).values_list(
        "next_due", "next_clock", "next_basis").get() == (None, "", "")
    state.refresh_from_db()
    assert state.next_basis == "local_norm"
