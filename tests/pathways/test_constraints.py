import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from forlop.accounts.models import RoleAssignment
from forlop.pathways.models import Pathway, Referral
from tests.conftest import TODAY


def test_referral_assessment_date_without_outcome_is_refused(org, patient, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(patient=patient, unit=org.unit_a, received_on=TODAY,
                                assessed_on=TODAY, created_by=coordinator)


def test_referral_assessed_before_received_is_refused(org, patient, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(patient=patient, unit=org.unit_a, received_on=TODAY,
                                assessed_on=TODAY - dt.timedelta(days=1), right_granted=True,
                                created_by=coordinator)


def test_closed_pathway_needs_closed_on(pathway):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pathway.objects.filter(pk=pathway.pk).update(is_open=False)


def test_first_trust_name_without_date_is_refused(pathway):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pathway.objects.filter(pk=pathway.pk).update(first_trust_name="Annet HF")


def test_role_in_two_places_is_refused(org, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=coordinator, role="clinician", unit=org.unit_a,
                                      municipality=org.municipality, valid_from=TODAY)


def test_role_period_ending_before_it_starts_is_refused(org, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=coordinator, role="clinician", unit=org.unit_a,
                                      valid_from=TODAY, valid_to=TODAY - dt.timedelta(days=1))


def test_an_event_is_corrected_at_most_once_in_the_database(pathway, coordinator):
    """The partial unique index (not only ``correct_event``'s check) refuses a second
    correction of the same row; rows that correct nothing are not limited."""
    from forlop.pathways.models import PathwayEvent

    original = PathwayEvent.objects.filter(pathway=pathway).order_by("pk").first()
    fields = {"pathway": pathway, "event": original.event, "on": TODAY,
              "registered_by": coordinator}
    PathwayEvent.objects.create(**fields, supersedes=original, reason="feil dato")
    PathwayEvent.objects.create(**fields)
    PathwayEvent.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        PathwayEvent.objects.create(**fields, supersedes=original, reason="igjen")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_planner_knows_a_pathway_has_about_ten_events(db):
    """Migration 0008: without it the recompute's event fetch scanned the whole table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT attoptions FROM pg_attribute WHERE attrelid = %s::regclass"
                       " AND attname = 'pathway_id'", ["pathways_pathwayevent"])
        assert cursor.fetchone()[0] == ["n_distinct=-0.1"]
