"""The individual plan: who writes, reads and takes part (ADR 58), checked in the
services; versions kept; the patient signs once, on the newest version."""

import datetime as dt

import pytest
from django.utils import timezone

from forlop.access.authorize import NotPermitted
from forlop.access.models import ConsentScope, Restriction
from forlop.followup import services
from forlop.followup.models import PlanResponse, PlanVersion, ResponseKind
from forlop.followup.rules import plan_access
from tests.followup.conftest import share

CONTENT = {"goals": "Bo i egen leilighet og ha en jobb å gå til",
           "measures": [{"what": "Samtale hver 14. dag", "who": "Kari Kommune, psykisk helse",
                         "by": "2027-03-01"}],
           "evaluation_dates": ["2027-03-01"],
           "group": [{"name": "Kari Kommune", "service": "Psykisk helsetjeneste",
                      "role": "koordinator"}]}


def save(patient, by, **changes):
    return services.save_version(patient=patient, by=by, content=CONTENT | changes)


def test_the_municipality_writes_the_plan_without_a_consent_and_versions_are_kept(
        patient, municipal, ke_lead):
    save(patient, municipal)
    save(patient, ke_lead, goals="Bo i egen leilighet")
    assert list(PlanVersion.objects.order_by("number").values_list(
        "number", "made_by__username", "municipality__name")) == [
        (1, "kommune", "Testvik kommune"), (2, "ke-leder", "Testvik kommune")]


def test_saving_without_a_change_is_refused(patient, municipal):
    save(patient, municipal)
    with pytest.raises(services.Refused, match="Ingenting er endret"):
        save(patient, municipal)


def test_another_municipality_may_not_write_or_read_it(patient, elsewhere, shared):
    with pytest.raises(NotPermitted):
        save(patient, elsewhere)
    assert (plan_access(elsewhere, patient).read, PlanVersion.objects.count()) == (False, 0)


def test_the_specialist_coordinator_writes_only_within_consent(
        pathway, patient, coordinator, org):
    with pytest.raises(NotPermitted):  # no consent sharing plans with the municipality
        save(patient, coordinator)
    share(patient, org.municipality, ConsentScope.OVERVIEW, by=coordinator)
    with pytest.raises(NotPermitted):  # a consent that does not cover plans
        save(patient, coordinator)
    share(patient, org.municipality, by=coordinator)
    assert save(patient, coordinator).number == 1


def test_a_revoked_consent_ends_the_specialist_access_at_once(pathway, patient, coordinator,
                                                                shared):
    save(patient, coordinator)
    shared.revoked_at = timezone.now()
    shared.save()
    assert plan_access(coordinator, patient) == plan_access(None, patient)
    with pytest.raises(NotPermitted):
        save(patient, coordinator, goals="Endret")


def test_a_clinician_reads_within_consent_but_does_not_write(pathway, patient, clinician,
                                                            shared, municipal):
    save(patient, municipal)
    access = plan_access(clinician, patient)
    assert (access.read, access.write) == (True, False)
    with pytest.raises(NotPermitted):
        save(patient, clinician, goals="Endret")


def test_staff_of_another_unit_do_not_reach_it(patient, outsider, shared):
    assert plan_access(outsider, patient).read is False


def test_a_restriction_bars_the_municipal_user_too(patient, municipal):
    Restriction.objects.create(patient=patient, barred_user=municipal, created_by=municipal)
    assert plan_access(municipal, patient).read is False
    with pytest.raises(NotPermitted):
        save(patient, municipal)


def test_no_plan_without_a_home_municipality(patient, municipal, coordinator, pathway, shared):
    # the specialist reaches it through the pathway, but the plan is a municipality's
    patient.municipality = None
    patient.save()
    with pytest.raises(NotPermitted):
        save(patient, coordinator)


def test_only_the_patient_signs_once_the_newest_version(patient, patient_user, municipal):
    first = save(patient, municipal)
    with pytest.raises(NotPermitted):
        services.respond(version=first, by=municipal, kind=ResponseKind.SIGNED)
    newest = save(patient, municipal, goals="Endret etter samtale")
    with pytest.raises(services.Refused, match="endret siden"):
        services.respond(version=first, by=patient_user, kind=ResponseKind.SIGNED)
    services.respond(version=newest, by=patient_user, kind=ResponseKind.SIGNED)
    with pytest.raises(services.Refused, match="allerede signert"):
        services.respond(version=newest, by=patient_user, kind=ResponseKind.SIGNED)
    services.respond(version=newest, by=patient_user, kind=ResponseKind.COMMENT,
                     comment="Jeg vil ha samtalene på torsdager")
    assert list(PlanResponse.objects.values_list("version__number", "kind")) == [
        (2, "signed"), (2, "comment")]


def test_a_plan_outlives_the_pathway(pathway, patient, coordinator, municipal):
    from forlop.pathways.services import close_pathway

    save(patient, municipal)
    close_pathway(pathway=pathway, on=dt.date.today(), outcome="patient_withdrew",
                  by=coordinator)
    assert save(patient, municipal, goals="Ny etter forløpet").number == 2


def test_a_version_cannot_be_changed_or_deleted(patient, municipal):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    from forlop.plans.models.base import ImmutableRowError

    version = save(patient, municipal)
    version.goals = "Omskrevet"
    with pytest.raises(ImmutableRowError):
        version.save()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE followup_planversion SET goals = 'x'")
