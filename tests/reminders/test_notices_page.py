"""``/varsler/``: the signed-in user's notices, each patient shown logged."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from forlop.access.models import AccessLogEntry, Basis, Restriction
from forlop.pathways.services import register_event
from tests import factories
from tests.conftest import TODAY

URL = reverse("reminders:notices")
DAY = dt.timedelta(days=1)


@pytest.fixture
def noticed(coordinator, due_on):
    pathway = due_on(TODAY + DAY, name="Ada Varsel")
    call_command("remind", "--today", TODAY.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    return pathway


def test_the_page_lists_the_notice_with_the_patient(client, coordinator, noticed):
    client.force_login(coordinator)
    line = client.get(URL).context["lines"][0]
    assert (line.patient_name, line.kind, line.due) == ("Ada Varsel", "Frist snart", "4.6.2024")


def test_each_notice_links_to_its_pathway(client, coordinator, noticed):
    client.force_login(coordinator)
    assert reverse("pathway_detail", args=[noticed.pk]) in client.get(URL).content.decode()


def test_the_clock_has_a_plain_label(client, coordinator, noticed):
    client.force_login(coordinator)
    assert client.get(URL).context["lines"][0].clock == "Første oppmøte til klinisk beslutning"


def test_the_page_logs_each_patient_shown(client, coordinator, noticed):
    client.force_login(coordinator)
    client.get(URL)
    rows = AccessLogEntry.objects.filter(what="notices")
    assert [(r.patient_id, r.basis) for r in rows] == [(noticed.patient_id, Basis.UNIT)]


def test_another_users_notices_are_not_shown(client, clinician, noticed):
    client.force_login(clinician)
    assert client.get(URL).context["lines"] == []


def test_a_notice_about_a_pathway_no_longer_visible_is_hidden(client, coordinator, noticed):
    Restriction.objects.create(patient=noticed.patient, barred_user=coordinator,
                               created_by=coordinator)
    client.force_login(coordinator)
    assert client.get(URL).context["lines"] == []


def test_a_closed_pathway_outside_the_unit_is_logged_on_the_coordinator_basis(
        client, org, noticed):
    coordinator_b = factories.user("koordinator-b", role="coordinator", unit=org.unit_b)
    pathway = factories.pathway(patient=factories.patient(), unit=org.unit_a,
                                by=coordinator_b, today=TODAY, coordinator=coordinator_b)
    register_event(pathway=pathway, event="first_attendance", on=TODAY - 20 * DAY,
                   by=coordinator_b, today=TODAY)
    call_command("remind", "--today", TODAY.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    register_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="patient_withdrew",
                   by=coordinator_b, today=TODAY)
    client.force_login(coordinator_b)
    client.get(URL)
    assert AccessLogEntry.objects.get(what="notices").basis == Basis.COORDINATOR


def test_the_page_is_in_nynorsk_too(client, coordinator, noticed):
    client.force_login(coordinator)
    with translation.override("nn"):
        response = client.get(URL, HTTP_ACCEPT_LANGUAGE="nn")
    assert '<h1 class="ds-heading" data-size="lg">Varsel</h1>' in response.content.decode()


def test_an_empty_list_says_so(client, coordinator):
    client.force_login(coordinator)
    assert "Du har ingen varsler." in client.get(URL).content.decode()


def _queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(URL)
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_notices(client, coordinator, due_on):
    client.force_login(coordinator)
    due_on(TODAY + DAY)
    call_command("remind", "--today", TODAY.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    one = _queries(client)
    for _ in range(3):
        due_on(TODAY + 2 * DAY)
    call_command("remind", "--today", TODAY.isoformat(), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _queries(client) == one
