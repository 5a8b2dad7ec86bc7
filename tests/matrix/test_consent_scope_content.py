"""What a consent-only reader sees follows the consent's scope (``ConsentScope``):
``overview`` status and dates, ``plans`` adds the clocks (the relative: the next due
date and the coordinator), ``collaboration`` adds the registered events (the
relative: every clock). Checked on the page's content, not only its status code;
a reader on a direct basis (the unit's coordinator) sees everything, which shows
the marks looked for are on the page at all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.pathways.services import register_event
from tests import factories
from tests.conftest import TODAY

# What marks each part on the pathway page (captions of its tables, and the name of
# the secretary who registered the attendance: it shows only in the events table).
PAGE_PARTS = {
    "clocks": ["Forløpstider med frist, status og grunnlag"],
    "events": ["Registrerte hendelser i forløpet", "Sigrid Skriversen"],
}
# ... and on the relative's page.
SHARED_PARTS = {
    "plans": ["Neste frist", "Kari Koordinatorsen"],
    "clocks": ["Frister i forløpet"],
}


@pytest.fixture
def shared(org, coordinator):
    coordinator.first_name, coordinator.last_name = "Kari", "Koordinatorsen"
    coordinator.save()
    secretary = factories.user("skriver", role="secretary", unit=org.unit_a)
    secretary.first_name, secretary.last_name = "Sigrid", "Skriversen"
    secretary.save()
    patient = factories.patient("Delt Omfangsen")
    patient.municipality = org.municipality
    patient.save()
    pathway = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=TODAY,
                                coordinator=coordinator)
    register_event(pathway=pathway, event="first_attendance",
                   on=TODAY - dt.timedelta(days=10), by=secretary, today=TODAY)
    people = {
        "coordinator": coordinator,
        "municipal": factories.user("kommune", role="municipal_coordinator",
                                    municipality=org.municipality),
        "gp": factories.user("fastlege", role="gp"),
        "relative": factories.user("parorende", role="relative"),
    }

    def consent(scope):
        """Share the patient with the municipality, the GP (a meeting) and the
        relative, each with ``scope``."""
        for participant, kw in ((Participant.MUNICIPALITY,
                                 {"participant_municipality": org.municipality}),
                                (Participant.MEETING, {"participant_user": people["gp"]}),
                                (Participant.RELATIVE, {"participant_user": people["relative"]})):
            Consent.objects.create(patient=patient, participant=participant, scope=scope,
                                   valid_from=dt.date(2024, 1, 1), registered_by=coordinator,
                                   **kw)

    return pathway, people, consent


def _parts_shown(page: str, parts: dict) -> set[str]:
    """The parts whose every mark is on the page (a part half shown fails loudly)."""
    shown = {part for part, marks in parts.items() if all(m in page for m in marks)}
    half = {part for part, marks in parts.items() if any(m in page for m in marks)} - shown
    assert half == set(), f"part(s) {half} half shown"
    return shown


@pytest.mark.parametrize(("persona", "scope", "parts"), [
    ("municipal", ConsentScope.OVERVIEW, set()),
    ("municipal", ConsentScope.PLANS, {"clocks"}),
    ("municipal", ConsentScope.COLLABORATION, {"clocks", "events"}),
    ("gp", ConsentScope.OVERVIEW, set()),
    ("gp", ConsentScope.PLANS, {"clocks"}),
    ("gp", ConsentScope.COLLABORATION, {"clocks", "events"}),
    ("coordinator", ConsentScope.OVERVIEW, {"clocks", "events"}),  # a unit role: all of it
])
def test_the_pathway_page_shows_what_the_consent_covers(client, shared, persona, scope, parts):
    pathway, people, consent = shared
    consent(scope)
    client.force_login(people[persona])

    response = client.get(reverse("pathway_detail", args=[pathway.pk]))

    assert (response.status_code, _parts_shown(response.content.decode(), PAGE_PARTS)) == (
        200, parts)


@pytest.mark.parametrize("persona", ["municipal", "gp"])
def test_a_consent_reader_is_never_offered_a_registration(client, shared, persona):
    pathway, people, consent = shared
    consent(ConsentScope.COLLABORATION)
    client.force_login(people[persona])

    response = client.get(reverse("pathway_detail", args=[pathway.pk]))

    assert reverse("pathway_register", args=[pathway.pk]) not in response.content.decode()


@pytest.mark.parametrize(("scope", "parts"), [
    (ConsentScope.OVERVIEW, set()),
    (ConsentScope.PLANS, {"plans"}),
    (ConsentScope.COLLABORATION, {"plans", "clocks"}),
])
def test_the_relative_sees_what_the_consent_covers(client, shared, scope, parts):
    _, people, consent = shared
    consent(scope)
    client.force_login(people["relative"])

    page = client.get(reverse("portal:shared")).content.decode()

    assert ("Delt Omfangsen" in page, _parts_shown(page, SHARED_PARTS)) == (True, parts)
