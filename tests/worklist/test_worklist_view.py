import datetime as dt

import pytest
from django.urls import reverse

from forlop.pathways.services import register_event
from tests import factories, statements
from tests.conftest import TODAY

URL = reverse("worklist")


@pytest.fixture
def two_pathways(org, coordinator):
    soon = factories.pathway(patient=factories.patient("Ada Snart"), unit=org.unit_a,
                             by=coordinator, today=TODAY)
    later = factories.pathway(patient=factories.patient("Bo Senere"), unit=org.unit_a,
                              by=coordinator, today=TODAY)
    register_event(pathway=soon, event="first_attendance", on=TODAY - dt.timedelta(days=15),
                   by=coordinator, today=TODAY)
    register_event(pathway=later, event="first_attendance", on=TODAY - dt.timedelta(days=2),
                   by=coordinator, today=TODAY)
    return soon, later


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next=/")


def test_worklist_lists_own_units_patients(client, coordinator, two_pathways):
    client.force_login(coordinator)
    assert [r.patient_name for r in client.get(URL).context["rows"]] == ["Ada Snart", "Bo Senere"]


def test_worklist_hides_other_units_patients(client, outsider, two_pathways):
    client.force_login(outsider)
    assert client.get(URL).context["rows"] == []


def test_worklist_orders_by_next_due_date(client, coordinator, two_pathways):
    client.force_login(coordinator)
    dues = [r.next_due for r in client.get(URL).context["rows"]]
    assert dues == sorted(dues)


def test_worklist_hides_closed_pathways(client, coordinator, pathway):
    register_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="patient_withdrew",
                   by=coordinator, today=TODAY)
    client.force_login(coordinator)
    assert client.get(URL).context["rows"] == []


def test_worklist_paginates(client, coordinator, org, settings):
    settings.WORKLIST_PAGE_SIZE = 2
    for _ in range(3):
        factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                          today=TODAY)
    client.force_login(coordinator)
    assert len(client.get(URL, {"side": 2}).context["rows"]) == 1


def test_worklist_query_count_does_not_grow_with_rows(client, coordinator, org,
                                                       django_assert_num_queries):
    for _ in range(12):
        factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                          today=TODAY)
    client.force_login(coordinator)
    # session + user + scope (with roles) + page with total + the user's open meeting
    # actions + the access-log write: a constant, whatever the row count.
    with django_assert_num_queries(5 + statements.log_write()):
        client.get(URL)


def test_worklist_shows_breach_label(client, coordinator, org):
    late = factories.pathway(patient=factories.patient("Cia Sen"), unit=org.unit_a,
                             by=coordinator, today=TODAY, started_on=TODAY - dt.timedelta(60))
    register_event(pathway=late, event="first_attendance", on=TODAY - dt.timedelta(days=40),
                   by=coordinator, today=TODAY)
    client.force_login(coordinator)
    assert "Fristbrudd" in client.get(URL).content.decode()


def test_worklist_in_nynorsk(client, coordinator, two_pathways):
    client.force_login(coordinator)
    client.cookies["django_language"] = "nn"
    assert "Hopp til hovudinnhald" in client.get(URL).content.decode()


def test_rows_escape_what_people_typed(client, coordinator, org):
    """The rows come from the Jinja2 fragment: its escaping is on (the tag marks the
    fragment safe, so it must be)."""
    factories.pathway(patient=factories.patient('<b>Ada</b> "Snart"'), unit=org.unit_a,
                      by=coordinator, today=TODAY)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert "&lt;b&gt;Ada&lt;/b&gt; &#34;Snart&#34;" in html
    assert "<b>Ada</b>" not in html


def test_rows_show_the_local_norm_tag(client, coordinator, org):
    factories.local_norm_pathway(org=org, patient=factories.patient("Norm Pasient"),
                                 by=coordinator, today=TODAY)
    client.force_login(coordinator)
    html = client.get(URL).content.decode()
    assert html.count('data-color="info" data-size="sm">lokal norm</span>') == 1
