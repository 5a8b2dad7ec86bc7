"""/fastlege/: the GP office's patients' pathways the GP may see (through the access
rules only), open and closed, with deadlines and both coordinators."""

import datetime as dt

import pytest
from django.urls import reverse

from forlop.access.models import AccessLogEntry, Consent, ConsentScope, Participant
from forlop.pathways.services.register import append_event
from tests import factories
from tests.conftest import TODAY


def share_with(gp, pathway, scope=ConsentScope.PLANS):
    Consent.objects.create(patient=pathway.patient, participant=Participant.MEETING,
                           participant_user=gp, scope=scope, pathway=pathway,
                           valid_from=dt.date(2024, 1, 1), registered_by=gp)


@pytest.fixture
def world(org, coordinator, gp):
    def listed(name):
        made = factories.patient(name)
        made.gp_office = org.gp_office
        made.save()
        return made

    shared = factories.pathway(patient=listed("Åse Åpen"), unit=org.unit_a, by=coordinator,
                               today=TODAY, coordinator=coordinator)
    closed = factories.pathway(patient=listed("Ceci Closed"), unit=org.unit_a,
                               by=coordinator, today=TODAY, type="voksne")
    append_event(pathway=closed, event="pathway_end", on=TODAY, outcome="completed",
                 by=coordinator, today=TODAY)
    unshared = factories.pathway(patient=listed("Ulla Udelt"), unit=org.unit_a,
                                 by=coordinator, today=TODAY)
    share_with(gp, shared)
    share_with(gp, closed)
    return shared, closed, unshared


def page(client, gp, **query):
    client.force_login(gp)
    return client.get(reverse("gpcare:home"), query)


def test_open_pathways_shared_with_the_gp_are_shown(client, gp, world):
    text = page(client, gp).content.decode()

    assert ("Åse Åpen" in text, "Ceci Closed" in text, "Ulla Udelt" in text) == (
        True, False, False)
    assert "Koordinator" in text  # the specialist coordinator, named


def test_closed_pathways_stay_visible_with_the_filter(client, gp, world):
    closed = page(client, gp, vis="avsluttede").content.decode()
    both = page(client, gp, vis="alle").content.decode()

    assert ("Ceci Closed" in closed, "Åse Åpen" in closed) == (True, False)
    assert ("Ceci Closed" in both, "Åse Åpen" in both, "Ulla Udelt" in both) == (
        True, True, False)


def test_a_revoked_consent_takes_the_pathway_off_the_page(client, gp, world):
    Consent.objects.filter(pathway=world[0]).update(revoked_at=dt.datetime.now(dt.UTC))

    assert "Åse Åpen" not in page(client, gp).content.decode()


def test_an_overview_consent_shows_no_deadlines(client, gp, world):
    Consent.objects.filter(pathway=world[0]).update(scope=ConsentScope.OVERVIEW)

    assert "Ikke delt med deg" in page(client, gp).content.decode()


def test_each_pathway_shown_is_logged_with_its_basis(client, gp, world):
    page(client, gp, vis="alle")

    logged = set(AccessLogEntry.objects.filter(what="gp_page").values_list(
        "patient_id", "basis"))
    assert logged == {(world[0].patient_id, "participant_consent"),
                      (world[1].patient_id, "participant_consent")}


def test_only_gps_have_the_page(client, coordinator, municipal):
    answers = []
    for who in (coordinator, municipal):
        client.force_login(who)
        answers.append(client.get(reverse("gpcare:home")).status_code)

    assert answers == [403, 403]


def test_the_feedback_to_the_office_is_listed_with_a_link_to_open_it(client, gp, world,
                                                                      coordinator):
    from forlop.gpcare import feedback
    from forlop.gpcare.services import send_feedback
    from forlop.messaging.models import Message

    send_feedback(pathway=world[0], by=coordinator, kind=feedback.ASSESSMENT,
                  next_steps="Time om to uker.", today=TODAY)
    message = Message.objects.get()

    text = page(client, gp).content.decode()
    assert f'href="/meldinger/{message.pk}/"' in text
    assert "Tilbakemelding etter vurdering av henvisning" in text
