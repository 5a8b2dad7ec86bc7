"""Consent-bound visibility: a municipal coordinator (and the coordinating unit's
lead) sees a pathway of their people only while the patient's consent holds, and only
what its scope allows; closed pathways stay behind a filter (before and after)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from forlop.access.models import AccessLogEntry, ConsentScope
from forlop.collaboration.services import plan_meeting, save_checklist
from forlop.municipal import services
from forlop.pathways.services.register import append_event
from tests.conftest import TODAY

TYPE_LABEL = "Rusbehandling"  # the tsb pathway's label, as the pages show it


@pytest.fixture
def appointed(org, lead, kommune, person):
    return services.appoint_coordinator(
        by=lead, municipality=org.municipality, patient=person, person_name="Mona Oppdiktet",
        coordinator=kommune, service="Psykisk helse og rus", phone="400 00 001")


def _page(user, url="/kommune/"):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _link(pathway):
    return f"/forlop/{pathway.pk}/"


def test_without_consent_the_person_is_listed_but_no_pathway(appointed, kommune, pathway):
    page = _page(kommune)
    assert "Mona Oppdiktet" in page
    assert _link(pathway) not in page
    assert not AccessLogEntry.objects.filter(patient_id=pathway.patient_id).exists()


def test_pathway_shown_while_consent_holds_and_logged(appointed, kommune, pathway, share,
                                                      coordinator):
    consent = share(ConsentScope.OVERVIEW)
    page = _page(kommune)
    assert _link(pathway) in page
    logged = AccessLogEntry.objects.get(patient_id=pathway.patient_id, user=kommune)
    assert (logged.basis, logged.what) == ("municipal_consent", "municipal_worklist")
    consent.revoked_at = timezone.now()
    consent.save()
    assert _link(pathway) not in _page(kommune)


def test_expired_consent_hides_the_pathway(appointed, kommune, pathway, share):
    share(ConsentScope.PLANS, valid_to=dt.date.today() - dt.timedelta(days=1))
    assert _link(pathway) not in _page(kommune)


def test_lead_overview_is_consent_bound_too(appointed, lead, pathway, share):
    assert "Kjell Kommunesen" in (page := _page(lead, "/kommune/koordinerende-enhet/"))
    assert "Mona Oppdiktet" in page and _link(pathway) not in page
    share(ConsentScope.OVERVIEW)
    assert _link(pathway) in _page(lead, "/kommune/koordinerende-enhet/")


def test_another_coordinator_does_not_get_my_people(appointed, org, pathway, share):
    from tests import factories

    share(ConsentScope.COLLABORATION)
    colleague = factories.user("kollega", role="municipal_coordinator",
                               municipality=org.municipality)
    page = _page(colleague)
    assert "Mona Oppdiktet" not in page and _link(pathway) not in page


def _meeting_and_closure(pathway, coordinator, org):
    plan_meeting(pathway=pathway, by=coordinator,
                 starts_at=timezone.now() + dt.timedelta(days=3), mode="in_person",
                 place="Rådhuset, møterom Fjord", agenda="Plan for overgang til kommunen",
                 municipality=org.municipality)
    save_checklist(pathway=pathway, by=coordinator, follow_up_plan="Oppfølging i kommunen",
                   municipal_responsible="Kjell")


def test_overview_scope_shows_the_pathway_and_meeting_time_only(
        appointed, kommune, pathway, share, coordinator, org):
    share(ConsentScope.OVERVIEW)
    _meeting_and_closure(pathway, coordinator, org)
    page = _page(kommune)
    assert _link(pathway) in page
    assert "Møter du er invitert til" in page and "fysisk møte" in page
    assert "Rådhuset, møterom Fjord" not in page  # where: a plan
    assert "Plan for overgang til kommunen" not in page  # the agenda: a plan
    assert "sjekkliste for avslutning" not in page  # a closure being planned: a plan


def test_plans_scope_shows_meeting_place_and_closure_planned(
        appointed, kommune, pathway, share, coordinator, org):
    share(ConsentScope.PLANS)
    _meeting_and_closure(pathway, coordinator, org)
    page = _page(kommune)
    assert "Rådhuset, møterom Fjord" in page
    assert "Plan for overgang til kommunen" in page
    assert "sjekkliste for avslutning" in page


def test_closed_pathways_stay_behind_the_filter(appointed, kommune, pathway, share,
                                                coordinator):
    share(ConsentScope.OVERVIEW)
    append_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="completed",
                 by=coordinator, today=TODAY)
    assert _link(pathway) not in _page(kommune)
    page = _page(kommune, "/kommune/?vis=alle")
    assert _link(pathway) in page and "avsluttet" in page
