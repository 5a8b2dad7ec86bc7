"""The pathway page shows its own NPR findings (the fix-list's lint and scope) to
those who work on its reporting; nothing to a consent reader, nothing when clean."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from forlop.access.models import Consent, ConsentScope, Participant
from forlop.npr.presenters import TEXTS
from tests.conftest import TODAY

NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
HEADING = "Rett før rapportering til NPR"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


def page(client, pathway):
    return client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()


def test_a_coordinator_reads_what_is_wrong_and_how_to_fix_it(client, coordinator, cases):
    client.force_login(coordinator)
    body = page(client, cases["after_end"])
    assert HEADING in body
    assert "Feil NPR007" in body and str(TEXTS["NPR007"][0]) in body
    assert f"Slik retter du: {TEXTS['NPR007'][1]}" in body
    assert "(Evaluering 29.5.2024)" in body


def test_a_warning_is_shown_as_a_warning(client, coordinator, cases):
    client.force_login(coordinator)
    body = page(client, cases["silent"])
    assert "Advarsel NPR009" in body and "Feil NPR" not in body


def test_a_clean_pathway_has_no_npr_section(client, coordinator, cases):
    client.force_login(coordinator)
    assert HEADING not in page(client, cases["clean"])


def test_nynorsk(client, coordinator, cases):
    client.force_login(coordinator)
    with translation.override("nn"):
        client.cookies["django_language"] = "nn"
        body = page(client, cases["after_end"])
    assert "Dette må sjekkast:" in body and "NPR007" in body


def test_a_consent_reader_sees_no_findings(client, municipal, coordinator, cases):
    pathway = cases["after_end"]
    pathway.patient.municipality = municipal.role_assignments.get().municipality
    pathway.patient.save()
    Consent.objects.create(patient=pathway.patient, participant=Participant.MUNICIPALITY,
                           participant_municipality=pathway.patient.municipality,
                           scope=ConsentScope.COLLABORATION, valid_from=dt.date(2024, 1, 1),
                           registered_by=coordinator)
    client.force_login(municipal)
    response = client.get(reverse("pathway_detail", args=[pathway.pk]))
    assert response.status_code == 200
    assert "NPR007" not in response.content.decode()
