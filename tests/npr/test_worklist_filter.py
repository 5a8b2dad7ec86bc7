"""The worklist's "has NPR findings" filter (``npr=findings``)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from forlop.worklist.filters import FilterForm, Filters
from tests.conftest import TODAY

URL = reverse("worklist")
NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


def ids(client, **params):
    return {r.pathway_id for r in client.get(URL, params).context["rows"]}


def test_only_pathways_with_findings(client, coordinator, cases):
    client.force_login(coordinator)
    assert ids(client) == {cases["clean"].pk, cases["silent"].pk}  # the list: open ones
    assert ids(client, npr="findings") == {cases["silent"].pk}


def test_closed_pathways_with_findings(client, coordinator, cases):
    client.force_login(coordinator)
    assert ids(client, status="closed", npr="findings") == {cases["after_end"].pk}


def test_combines_with_other_filters(client, coordinator, cases):
    client.force_login(coordinator)
    assert ids(client, npr="findings", type="voksne") == set()
    assert ids(client, npr="findings", type="tsb") == {cases["silent"].pk}


def test_other_units_see_none_of_them(client, outsider, cases):
    client.force_login(outsider)
    assert ids(client, npr="findings") == set()


def test_is_part_of_a_saved_view():
    assert Filters(npr="findings").query_string() == "npr=findings"
    assert FilterForm({"npr": "findings"}).filters() == Filters(npr="findings")


def test_an_unknown_value_is_reported_and_ignored(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(URL, {"npr": "x"})
    control = next(c for c in response.context["controls"] if c.name == "npr")
    assert control.errors
    assert {r.pathway_id for r in response.context["rows"]} == {cases["clean"].pk,
                                                               cases["silent"].pk}


def test_the_worklist_links_to_the_fix_list(client, coordinator):
    client.force_login(coordinator)
    assert f'href="{reverse("npr:fix_list")}"' in client.get(URL).content.decode()


def test_leaves_out_findings_with_nothing_to_fix(client, coordinator, org):
    from tests.npr.conftest import clean

    ocd = clean(org, coordinator)
    type(ocd).objects.filter(pk=ocd.pk).update(type="ocd")
    client.force_login(coordinator)
    assert ids(client, npr="findings") == set()
