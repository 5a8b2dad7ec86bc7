"""Migration 0007 fills ``PathwayState.next_basis`` for rows written before it."""

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
