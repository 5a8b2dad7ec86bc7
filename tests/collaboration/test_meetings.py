"""Collaboration meetings: participants need the patient's consent, minutes make the
meeting an indirect contact, agreed actions show on their owners' worklists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forlop.accounts.roles import Role
from forlop.collaboration.models import Meeting, MeetingParticipant
from forlop.collaboration.services import (
    MeetingRefused,
    add_action,
    plan_meeting,
    record_minutes,
)
from tests import factories
from tests.access import builders

TODAY = timezone.localdate()
SOON = timezone.now() + dt.timedelta(days=7)


def plan(pathway, by, **kwargs):
    return plan_meeting(pathway=pathway, by=by, starts_at=SOON, mode="video",
                        place="Videolenke", agenda="Evaluering", **kwargs)


@pytest.fixture
def gp(org):
    return factories.user("fastlege", role=Role.GP)


def test_a_participant_with_consent_is_invited_on_it(pathway, coordinator, own_relative):
    consent = builders.consent(pathway.patient, by=coordinator, person=own_relative,
                               participant="relative")
    meeting = plan(pathway, coordinator, people=[own_relative])
    assert list(meeting.participants.values_list("user", "consent")) == [
        (own_relative.pk, consent.pk)]


def test_a_participant_without_consent_cannot_be_invited(pathway, coordinator, own_relative,
                                                         gp):
    builders.consent(pathway.patient, by=coordinator, person=own_relative,
                     participant="relative")
    with pytest.raises(MeetingRefused) as refused:
        plan(pathway, coordinator, people=[own_relative, gp])
    assert (refused.value.lacking, Meeting.objects.count(),
            MeetingParticipant.objects.count()) == (["Fastlege"], 0, 0)


@pytest.mark.parametrize("status", ["revoked", "expired", "not_started"])
def test_a_consent_not_in_force_does_not_count(pathway, coordinator, gp, status):
    builders.consent(pathway.patient, by=coordinator, person=gp, status=status)
    with pytest.raises(MeetingRefused):
        plan(pathway, coordinator, people=[gp])


def test_a_consent_for_another_pathway_does_not_count(pathway, coordinator, gp, org):
    sister = builders.pathway(pathway.patient, org.unit_a, coordinator, type="voksne")
    builders.consent(pathway.patient, by=coordinator, person=gp, pathway=sister)
    with pytest.raises(MeetingRefused):
        plan(pathway, coordinator, people=[gp])


def test_the_municipality_needs_its_consent_too(pathway, coordinator, org):
    with pytest.raises(MeetingRefused) as refused:
        plan(pathway, coordinator, municipality=org.municipality)
    builders.consent(pathway.patient, by=coordinator, municipality=org.municipality)
    made = plan(pathway, coordinator, municipality=org.municipality)
    assert (refused.value.lacking, made.participants.get().municipality) == (
        ["Testvik kommune"], org.municipality)


def test_the_form_names_who_lacks_consent(client, pathway, coordinator, gp):
    builders.consent(pathway.patient, by=coordinator, person=gp, status="revoked")
    client.force_login(coordinator)
    response = client.post(reverse("collaboration:meeting_new", args=[pathway.pk]), {
        "day": (TODAY + dt.timedelta(days=3)).isoformat(), "time": "10:00", "mode": "video",
        "place": "Video", "agenda": "Evaluering", "participants": [f"u{gp.pk}"]})
    errors = response.context["form"].errors["participants"]
    assert (response.status_code, "Fastlege" in errors[0], Meeting.objects.count()) == (
        400, True, 0)


def test_the_form_shows_each_candidates_consent(client, pathway, coordinator, own_relative):
    client.force_login(coordinator)
    page = client.get(reverse("collaboration:meeting_new", args=[pathway.pk])).content.decode()
    assert ("Egen-Parorende (mangler samtykke)" in page,
            "Testvik kommune (mangler samtykke)" in page) == (True, True)


def test_minutes_make_the_meeting_held(pathway, coordinator):
    meeting = record_minutes(meeting=plan(pathway, coordinator), by=coordinator,
                             minutes="Enige om plan", held_on=TODAY)
    assert (meeting.held_on, meeting.indirect_contact, meeting.minuted_by) == (
        TODAY, True, coordinator)


def test_an_action_owner_must_be_able_to_open_the_pathway(pathway, coordinator, outsider):
    with pytest.raises(ValidationError) as refused:
        add_action(meeting=plan(pathway, coordinator), by=coordinator, what="Ring NAV",
                   owner=outsider, due=TODAY)
    assert list(refused.value.error_dict) == ["owner"]


def test_an_action_shows_on_its_owners_worklist_until_done(client, pathway, coordinator,
                                                           clinician):
    meeting = plan(pathway, coordinator)
    client.force_login(coordinator)
    client.post(reverse("collaboration:meeting", args=[pathway.pk, meeting.pk]), {
        "skjema": "tiltak", "tiltak-what": "Sende epikrise til fastlegen",
        "tiltak-owner": clinician.pk, "tiltak-due": TODAY.isoformat()})
    client.force_login(clinician)
    shown = "Sende epikrise til fastlegen" in client.get(reverse("worklist")).content.decode()
    client.post(reverse("collaboration:meeting", args=[pathway.pk, meeting.pk]), {
        "skjema": "utfort", "tiltak_id": meeting.actions.get().pk})
    after = "Sende epikrise til fastlegen" in client.get(reverse("worklist")).content.decode()
    assert (shown, after) == (True, False)


def test_an_action_on_a_pathway_the_owner_no_longer_sees_is_not_shown(
        client, pathway, coordinator, clinician):
    add_action(meeting=plan(pathway, coordinator), by=coordinator, what="Ring NAV",
               owner=clinician, due=TODAY)
    builders.restriction(pathway.patient, by=coordinator, user=clinician)
    client.force_login(clinician)
    assert "Ring NAV" not in client.get(reverse("worklist")).content.decode()


def test_no_meeting_is_planned_on_a_closed_pathway(pathway, coordinator):
    from forlop.pathways.services import close_pathway

    close_pathway(pathway=pathway, on=TODAY, outcome="patient_withdrew", by=coordinator)
    with pytest.raises(ValidationError):
        plan(pathway, coordinator)
