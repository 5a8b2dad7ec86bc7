"""``/npr/retting/``: the coordinator's NPR fix-list, through the access rules and the log."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from forlop.access.models import AccessLogEntry, Basis, Restriction
from forlop.kernel.npr_lint import CHECKS
from forlop.npr.forms import recent_tertials
from forlop.npr.presenters import TEXTS
from tests import factories
from tests.conftest import TODAY
from tests.npr.conftest import after_end

URL = reverse("npr:fix_list")
NOON = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON, tick=False):
        yield


def groups(client, **params):
    return client.get(URL, params).context["groups"]


def test_lists_each_pathway_with_its_findings_errors_first(client, coordinator, cases):
    client.force_login(coordinator)
    found = groups(client)
    assert [g.pathway_id for g in found] == [cases["after_end"].pk, cases["silent"].pk]
    (line,) = found[0].lines
    assert (line.code, line.severity, line.color) == ("NPR007", "Feil", "danger")
    assert line.what == str(TEXTS["NPR007"][0]) and line.fix == str(TEXTS["NPR007"][1])
    assert line.event == "Evaluering 29.5.2024"
    assert found[1].lines[0].severity == "Advarsel"


def test_each_finding_links_to_the_pathway_page(client, coordinator, cases):
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert f'href="/forlop/{cases["after_end"].pk}/"' in page
    assert "Slik retter du:" in page


def test_the_page_logs_each_patient_shown(client, coordinator, cases):
    client.force_login(coordinator)
    client.get(URL)
    rows = AccessLogEntry.objects.filter(what="npr_fix_list")
    assert {r.patient_id for r in rows} == {cases["after_end"].patient_id,
                                            cases["silent"].patient_id}
    assert {r.basis for r in rows} == {Basis.UNIT}


def test_other_units_pathways_are_not_listed(client, outsider, cases):
    client.force_login(outsider)
    assert groups(client) == []
    assert not AccessLogEntry.objects.filter(what="npr_fix_list").exists()


def test_a_barred_patient_is_not_listed(client, coordinator, cases):
    Restriction.objects.create(patient=cases["after_end"].patient, barred_user=coordinator,
                               created_by=coordinator)
    client.force_login(coordinator)
    assert [g.pathway_id for g in groups(client)] == [cases["silent"].pk]


def test_a_municipal_reader_sees_no_fix_list(client, municipal, cases):
    client.force_login(municipal)
    assert groups(client) == []


def test_the_period_narrows_the_list(client, coordinator, org):
    old = after_end(org, coordinator)  # ended 10 days before TODAY, in T2
    client.force_login(coordinator)
    assert [g.pathway_id for g in groups(client)] == [old.pk]
    assert groups(client, periode="2023-T3") == []  # started after it


def test_an_unknown_period_is_reported_and_the_current_one_used(client, coordinator, cases):
    client.force_login(coordinator)
    response = client.get(URL, {"periode": "2019-T1"})
    assert response.context["period"].label == "2024-T2"
    assert "Velg et av tertialene i listen." in response.content.decode()


def test_recent_tertials():
    assert recent_tertials(dt.date(2024, 6, 3)) == ["2024-T2", "2024-T1", "2023-T3", "2023-T2"]


def test_an_empty_list_says_so(client, coordinator):
    client.force_login(coordinator)
    assert "Ingen forløp å rette for dette tertialet." in client.get(URL).content.decode()


def test_every_code_has_norwegian_text():
    assert set(TEXTS) == set(CHECKS)


def test_the_page_is_in_nynorsk_too(client, coordinator, cases):
    client.force_login(coordinator)
    with translation.override("nn"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Slik rettar du:" in page and "Åtvaring" in page


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_the_menu_links_to_it_for_those_who_register(client, coordinator, municipal):
    client.force_login(coordinator)
    assert f'href="{URL}"' in client.get(reverse("worklist")).content.decode()
    client.force_login(municipal)
    assert f'href="{URL}"' not in client.get(reverse("reminders:notices")).content.decode()


def test_the_list_is_paged(client, coordinator, org, settings, monkeypatch):
    from forlop.npr import views
    from tests.npr.conftest import silent

    monkeypatch.setattr(views, "PER_PAGE", 2)
    made = [silent(org, coordinator) for _ in range(3)]
    client.force_login(coordinator)
    assert [g.pathway_id for g in groups(client, side=2)] == [made[2].pk]
    assert factories  # the builders come from tests.factories via the conftest


def test_the_period_choices_read_as_words(client, coordinator):
    client.force_login(coordinator)
    options = client.get(URL).context["form"].options()
    assert options[0] == ("2024-T2", "2. tertial 2024", True)


def test_findings_with_nothing_to_fix_in_the_pathway_are_left_out(client, coordinator, org):
    from tests.npr.conftest import clean

    ocd = clean(org, coordinator)
    type(ocd).objects.filter(pk=ocd.pk).update(type="ocd")  # NPR003 only: a catalog gap
    client.force_login(coordinator)
    assert groups(client) == []
