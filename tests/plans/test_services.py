"""The plan's services: versions keep who changed what, only the patient co-signs,
and a co-signature (not an unsigned plan) is the involvement evidence."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from forlop.access.authorize import NotPermitted
from forlop.pathways.kernel_bridge import effective_events
from forlop.plans import selectors, services
from forlop.plans.models import PlanVersion, ResponseKind
from forlop.plans.models.base import ImmutableRowError
from forlop.plans.services import PlanRefused
from tests import factories
from tests.access import builders
from tests.plans.conftest import content, share_with


def involvement_events(pathway):
    return [e for e in effective_events(pathway.events.all())
            if e["event"] == "treatment_plan" and e.get("together_with_patient")]


def test_each_change_is_a_new_version_that_keeps_who_made_the_earlier(
        pathway, coordinator, clinician, version):
    second = services.save_version(pathway=pathway, by=clinician,
                                   content=content(crisis_plan="Ring Pia først."),
                                   change_note="Ny kriseplan")
    rows = list(selectors.versions(pathway))
    assert [(v.number, v.made_by, v.crisis_plan) for v in rows] == [
        (2, clinician, "Ring Pia først."), (1, coordinator, "Ring legevakt 116 117.")]
    assert second.change_note == "Ny kriseplan"


def test_a_version_cannot_be_changed_or_deleted(version):
    version.goals = "Skrevet om i ettertid"
    with pytest.raises(ImmutableRowError):
        version.save()
    with pytest.raises(ImmutableRowError):
        version.delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_planversion SET goals = 'x' WHERE id = %s", [version.pk])
    assert PlanVersion.objects.get(pk=version.pk).goals == content()["goals"]


def test_saving_without_a_change_is_refused(pathway, coordinator, version):
    with pytest.raises(PlanRefused, match="Ingenting er endret"):
        services.save_version(pathway=pathway, by=coordinator, content=content())


def test_the_patients_goals_are_required(pathway, coordinator):
    with pytest.raises(PlanRefused, match="egne mål"):
        services.save_version(pathway=pathway, by=coordinator, content=content(goals=" "))


def test_only_clinical_staff_write_the_plan(org, pathway, patient_user):
    secretary = factories.user("sekretaer", role="secretary", unit=org.unit_a)
    for who in (secretary, patient_user):
        with pytest.raises(NotPermitted):
            services.save_version(pathway=pathway, by=who, content=content())
    assert not PlanVersion.objects.exists()


def test_an_unsigned_plan_is_no_evidence(pathway, version):
    assert selectors.involvement_evidence(pathway) is None
    assert involvement_events(pathway) == []


def test_a_co_signature_is_the_evidence_with_its_time(pathway, patient_user, version):
    before = timezone.now()
    services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    evidence = selectors.involvement_evidence(pathway)
    assert (evidence.kind, evidence.version, evidence.by_id) == ("co_signature", 1,
                                                                 patient_user.pk)
    assert before <= evidence.at <= timezone.now()
    # The national measurement point is registered from it, once.
    assert [e["date"] for e in involvement_events(pathway)] == [timezone.localdate()]


def test_a_comment_is_no_evidence(pathway, patient_user, version):
    services.respond(version=version, by=patient_user, kind=ResponseKind.COMMENT,
                     comment="Jeg vil heller ha gruppe.")
    assert selectors.involvement_evidence(pathway) is None
    assert involvement_events(pathway) == []


def test_only_the_patient_themself_co_signs(org, pathway, coordinator, relative, version):
    share_with(relative, pathway.patient, by=coordinator)
    other_patient = factories.user("annen", role="patient")
    for who in (coordinator, relative, other_patient):
        with pytest.raises(NotPermitted):
            services.respond(version=version, by=who, kind=ResponseKind.SIGNED)
    assert selectors.involvement_evidence(pathway) is None


def test_an_old_version_cannot_be_signed(pathway, coordinator, patient_user, version):
    services.save_version(pathway=pathway, by=coordinator, content=content(goals="Nytt mål"))
    with pytest.raises(PlanRefused, match="endret siden"):
        services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)


def test_a_version_is_signed_once_and_the_event_registered_once(
        pathway, coordinator, patient_user, version):
    services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    with pytest.raises(PlanRefused, match="allerede signert"):
        services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    newer = services.save_version(pathway=pathway, by=coordinator,
                                  content=content(goals="Nytt mål"))
    services.respond(version=newer, by=patient_user, kind=ResponseKind.SIGNED)
    assert len(involvement_events(pathway)) == 1
    assert selectors.involvement_evidence(pathway).version == 1


def test_a_meeting_with_the_patient_is_evidence_too(pathway, clinician, version):
    held = timezone.localdate() - dt.timedelta(days=2)
    services.record_meeting(version=version, by=clinician, held_on=held,
                            present="Pasienten, behandler, kona")
    evidence = selectors.involvement_evidence(pathway)
    assert (evidence.kind, evidence.on) == ("meeting", held)
    assert [e["date"] for e in involvement_events(pathway)] == [held]


def test_nothing_is_answered_on_a_closed_pathway(pathway, coordinator, patient_user, version):
    builders.close(pathway, by=coordinator)
    with pytest.raises(PlanRefused, match="avsluttet"):
        services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    assert selectors.involvement_evidence(pathway) is None


def test_self_report_is_the_patients_own_and_the_latest_is_shown(
        pathway, coordinator, patient_user):
    with pytest.raises(NotPermitted):
        services.answer_self_report(pathway=pathway, by=coordinator, how_it_goes="Bra")
    services.answer_self_report(pathway=pathway, by=patient_user, how_it_goes="Tungt")
    services.answer_self_report(pathway=pathway, by=patient_user, how_it_goes="Bedre",
                                wants_to_discuss="Søvn")
    latest = selectors.latest_self_report(pathway)
    assert (latest.how_it_goes, latest.wants_to_discuss) == ("Bedre", "Søvn")


def test_a_relative_leaves_a_message_only_with_a_consent(pathway, coordinator, relative):
    with pytest.raises(NotPermitted):
        services.leave_message(pathway=pathway, by=relative, text="Han sover dårlig")
    share_with(relative, pathway.patient, by=coordinator, scope="overview")
    services.leave_message(pathway=pathway, by=relative, text="Han sover dårlig")
    assert [m.text for m in selectors.relative_messages(pathway)] == ["Han sover dårlig"]
