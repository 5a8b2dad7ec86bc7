"""The worklist's filters and sort orders, through the page (GET parameters)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from forlop.access.models import AccessLogEntry
from forlop.pathways.models import PathwayState
from forlop.pathways.services import register_event
from tests import factories, statements
from tests.conftest import TODAY

URL = reverse("worklist")
NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)  # TODAY is a Monday


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


def _with(pathway, *, due, breached=False):
    """Shape the projection for the case under test (the kernel's own dates are tested
    in tests/kernel): the running clock's due date and whether a clock breached."""
    PathwayState.objects.filter(pk=pathway.pk).update(next_due=due, breached=breached)
    return pathway


def _make(org, by, name, **kwargs):
    return factories.pathway(patient=factories.patient(name), unit=org.unit_a, by=by,
                             today=TODAY, **kwargs)


@pytest.fixture
def cases(org, coordinator, clinician):
    days = dt.timedelta
    return {
        "overdue": _with(_make(org, coordinator, "Ola Forsinket", coordinator=coordinator,
                               started_on=TODAY - days(90)), due=TODAY - days(12),
                         breached=True),
        "missed": _with(_make(org, coordinator, "Mia Tidligere", type="voksne",
                              started_on=TODAY - days(60)), due=TODAY + days(20),
                        breached=True),
        "soon": _with(_make(org, coordinator, "Siv Snart", setting="inpatient",
                            coordinator=clinician, started_on=TODAY - days(30)),
                      due=TODAY + days(3)),
        "next_week": _with(_make(org, coordinator, "Nils Nesteuke", started_on=TODAY - days(10)),
                           due=TODAY + days(9)),
        "none": _with(_make(org, coordinator, "Ida Ingen", started_on=TODAY - days(5)), due=None),
    }


def names(client, **params):
    return [r.patient_name for r in client.get(URL, params).context["rows"]]


@pytest.fixture
def signed_in(client, coordinator, cases):
    client.force_login(coordinator)
    return client


def test_default_order_puts_overdue_now_first_then_due_soonest(signed_in):
    assert names(signed_in) == ["Ola Forsinket", "Siv Snart", "Nils Nesteuke", "Mia Tidligere",
                                "Ida Ingen"]


def test_overdue_now_and_missed_earlier_are_told_apart(signed_in):
    html = signed_in.get(URL).content.decode()
    assert (html.count('"danger">Fristbrudd nå</span>'),
            html.count('"warning">Tidligere fristbrudd</span>')) == (1, 1)


def test_days_overdue_are_shown(signed_in):
    assert "12 dager over fristen" in signed_in.get(URL).content.decode()


def test_status_overdue_now(signed_in):
    assert names(signed_in, status="overdue") == ["Ola Forsinket"]


def test_status_missed_earlier(signed_in):
    assert names(signed_in, status="missed") == ["Mia Tidligere"]


def test_status_due_within_n_days(signed_in):
    assert names(signed_in, status="due", within=5) == ["Siv Snart"]


@pytest.mark.parametrize("within", ["\u00b9", "0", "366", "-1", "\u0661"])
def test_a_number_of_days_that_is_no_whole_number_in_range_is_reported(signed_in, within):
    response = signed_in.get(URL, {"status": "due", "within": within})
    assert response.status_code == 200
    assert "Skriv et helt tall fra 1 til 365." in response.content.decode()


@pytest.mark.parametrize("who", ["\u00b9", "99999999999999999999999", "+1"])
def test_a_coordinator_that_is_no_user_id_is_ignored(signed_in, who):
    assert signed_in.get(URL, {"coordinator": who}).status_code == 200


def test_status_no_next_deadline(signed_in):
    assert names(signed_in, status="none") == ["Ida Ingen"]


def test_status_closed_lists_the_units_closed_pathways(signed_in, cases, coordinator):
    register_event(pathway=cases["none"], event="pathway_end", on=TODAY, outcome="patient_withdrew",
                   by=coordinator, today=TODAY)
    assert names(signed_in, status="closed") == ["Ida Ingen"]


def test_filter_by_pathway_type(signed_in):
    assert names(signed_in, type="voksne") == ["Mia Tidligere"]


def test_filter_by_setting(signed_in):
    assert names(signed_in, setting="inpatient") == ["Siv Snart"]


def test_filter_mine(signed_in):
    assert names(signed_in, coordinator="me") == ["Ola Forsinket"]


def test_filter_without_coordinator(signed_in):
    assert names(signed_in, coordinator="none") == ["Nils Nesteuke", "Mia Tidligere",
                                                    "Ida Ingen"]


def test_filter_by_a_named_coordinator_of_the_unit(signed_in, clinician):
    assert names(signed_in, coordinator=clinician.pk) == ["Siv Snart"]


def test_a_stranger_as_coordinator_is_refused_next_to_the_field(signed_in, outsider):
    response = signed_in.get(URL, {"coordinator": outsider.pk})
    assert 'id="filter-coordinator-error"' in response.content.decode()
    assert len(response.context["rows"]) == 5


def test_an_unknown_status_is_refused_and_the_rest_applies(signed_in):
    response = signed_in.get(URL, {"status": "bogus", "type": "voksne"})
    assert ([r.patient_name for r in response.context["rows"]],
            'id="filter-status-error"' in response.content.decode()) == (["Mia Tidligere"], True)


def test_due_this_week_runs_from_today_to_sunday(signed_in):
    assert names(signed_in, week="this") == ["Siv Snart"]


def test_due_next_week(signed_in):
    assert names(signed_in, week="next") == ["Nils Nesteuke"]


def test_sort_by_patient_name(signed_in):
    assert names(signed_in, sort="name") == ["Ida Ingen", "Mia Tidligere", "Nils Nesteuke",
                                             "Ola Forsinket", "Siv Snart"]


def test_sort_by_start_date(signed_in):
    assert names(signed_in, sort="start") == ["Ola Forsinket", "Mia Tidligere", "Siv Snart",
                                              "Nils Nesteuke", "Ida Ingen"]


def test_sort_by_days_overdue_puts_missed_earlier_after_overdue_now(signed_in):
    assert names(signed_in, sort="overdue") == ["Ola Forsinket", "Mia Tidligere", "Siv Snart",
                                                "Nils Nesteuke", "Ida Ingen"]


def test_filters_combine(signed_in):
    assert names(signed_in, coordinator="none", status="due", within=30) == [
        "Nils Nesteuke", "Mia Tidligere"]


def test_filters_hide_other_units_patients(client, outsider, cases):
    client.force_login(outsider)
    assert names(client, status="overdue") == []


def test_a_filtered_page_logs_the_patients_it_shows(signed_in, cases):
    signed_in.get(URL, {"status": "overdue"})
    logged = AccessLogEntry.objects.filter(what="worklist").values_list("patient_id", flat=True)
    assert list(logged) == [cases["overdue"].patient_id]


def test_paging_links_keep_the_filter(signed_in, settings):
    settings.WORKLIST_PAGE_SIZE = 2
    assert "?sort=name&amp;side=2" in signed_in.get(URL, {"sort": "name"}).content.decode()


def test_a_filtered_page_has_the_same_query_count(signed_in, django_assert_num_queries):
    # As the plain list (test_worklist_view): the filtered page and its total are one
    # statement, read by the ORM instead of the hand-built one.
    with django_assert_num_queries(5 + statements.log_write()):
        signed_in.get(URL, {"status": "overdue", "coordinator": "me", "sort": "name"})


def test_a_named_coordinator_costs_one_query_for_the_name(signed_in, clinician,
                                                            django_assert_num_queries):
    with django_assert_num_queries(6 + statements.log_write()):
        signed_in.get(URL, {"coordinator": clinician.pk})


def test_filter_controls_are_labelled(signed_in):
    html = signed_in.get(URL).content.decode()
    for name in ("type", "setting", "coordinator", "status", "within", "week", "sort"):
        assert f'<label class="ds-label" for="filter-{name}">' in html
