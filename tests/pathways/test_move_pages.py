"""The transfer, move and change-of-setting pages, and the histories on the pathway page."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from forlop.access.models import AccessLogEntry
from forlop.accounts.models import RoleAssignment
from forlop.pathways.models import Pathway, PathwayEvent, PathwayUnitChange
from forlop.pathways.services import change_setting, move_pathway
from tests import factories
from tests.conftest import TODAY

D = dt.timedelta


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def both_units(org, coordinator):
    """The coordinator also works (as a clinician) in unit A2 of the same trust."""
    RoleAssignment.objects.create(user=coordinator, role="clinician", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    return coordinator


def url(name, pathway):
    return reverse(name, args=[pathway.pk])


def iso(day):
    return day.isoformat()


def page(response):
    return response.content.decode()


# -- change of setting ----------------------------------------------------------------

def test_setting_page_offers_the_other_setting(signed_in, pathway):
    response = signed_in.get(url("pathway_setting", pathway))
    assert 'value="inpatient" id="id_setting_1" checked' in page(response)


def test_setting_change_is_stored_and_redirects_to_the_pathway(signed_in, pathway):
    response = signed_in.post(url("pathway_setting", pathway),
                              {"setting": "inpatient", "on": iso(TODAY), "reason": "Innlagt"})
    assert (response.status_code, response["Location"],
            Pathway.objects.get(pk=pathway.pk).setting) == (
        302, url("pathway_detail", pathway), "inpatient")


def test_setting_change_says_what_was_done(signed_in, pathway):
    response = signed_in.post(url("pathway_setting", pathway),
                              {"setting": "inpatient", "on": "2024-06-03"}, follow=True)
    assert "Omsorgsnivået er endret til døgn fra 3.6.2024." in page(response)


def test_kernel_refusal_is_shown_next_to_the_field_and_nothing_saved(signed_in, pathway):
    response = signed_in.post(url("pathway_setting", pathway),
                              {"setting": "outpatient", "on": iso(TODAY)})
    body = page(response)
    assert (response.status_code, 'id="id_setting_error"' in body,
            "Omsorgsnivået var allerede «poliklinisk»" in body,
            PathwayEvent.objects.filter(event="setting_change").count()) == (400, True, True, 0)


def test_refusal_shows_an_error_summary_that_takes_focus(signed_in, pathway):
    response = signed_in.post(url("pathway_setting", pathway),
                              {"setting": "inpatient", "on": iso(pathway.started_on - D(1))})
    assert 'class="ds-error-summary" role="alert" tabindex="-1" autofocus' in page(response)


def test_error_summary_links_to_the_date_field(signed_in, pathway):
    response = signed_in.post(url("pathway_setting", pathway),
                              {"setting": "inpatient", "on": iso(pathway.started_on - D(1))})
    assert '<a class="ds-link" href="#id_on">' in page(response)
    assert ': Endringen ' in page(response)
    assert "er før forløpet startet" in page(response)


def test_refusal_in_nynorsk(client, coordinator, pathway):
    client.force_login(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    response = client.post(url("pathway_setting", pathway),
                           {"setting": "inpatient", "on": iso(pathway.started_on - D(1))})
    assert "er før forløpet starta" in page(response)


def test_secretary_gets_404_on_the_setting_page(client, org, pathway):
    client.force_login(factories.user("sekretaer", role="secretary", unit=org.unit_a))
    assert client.get(url("pathway_setting", pathway)).status_code == 404


def test_setting_page_writes_the_access_log(signed_in, pathway):
    signed_in.get(url("pathway_setting", pathway))
    assert AccessLogEntry.objects.filter(what="pathway_setting",
                                         patient_id=pathway.patient_id).count() == 1


def test_setting_change_reads_in_plain_words_in_the_patient_s_log(signed_in, pathway):
    from forlop.access.presenters import log_lines

    signed_in.post(url("pathway_setting", pathway), {"setting": "inpatient", "on": iso(TODAY)})
    (line,) = log_lines(AccessLogEntry.objects.filter(what="pathway_setting"))
    assert line.sentence == "Koordinator registrerte i forløpet (omsorgsnivå)."


# -- move within the trust --------------------------------------------------------------

def test_move_page_lists_only_units_the_user_works_in(signed_in, org, pathway, both_units):
    body = page(signed_in.get(url("pathway_move", pathway)))
    assert (f'value="{org.unit_a2.pk}"' in body, f'value="{org.unit_b.pk}"' in body) == (
        True, False)


def test_move_page_without_another_unit_says_who_can_move(signed_in, pathway):
    body = page(signed_in.get(url("pathway_move", pathway)))
    assert "Du har ingen rolle i en annen enhet" in body


def test_move_is_stored_and_redirects_with_a_message(signed_in, org, pathway, both_units):
    response = signed_in.post(url("pathway_move", pathway),
                              {"to_unit": org.unit_a2.pk, "on": iso(TODAY), "reason": "Tilbud"},
                              follow=True)
    assert ("Forløpet er flyttet til BUP Test." in page(response),
            PathwayUnitChange.objects.get().to_unit) == (True, org.unit_a2)


def test_move_without_a_reason_asks_for_one(signed_in, org, pathway, both_units):
    response = signed_in.post(url("pathway_move", pathway),
                              {"to_unit": org.unit_a2.pk, "on": iso(TODAY), "reason": ""})
    assert ("Skriv hvorfor forløpet flyttes." in page(response),
            PathwayUnitChange.objects.count()) == (True, 0)


def test_move_refused_by_the_service_is_shown_at_the_date(signed_in, org, pathway, both_units):
    response = signed_in.post(url("pathway_move", pathway),
                              {"to_unit": org.unit_a2.pk, "on": iso(pathway.started_on - D(1)),
                               "reason": "Tilbud"})
    assert 'id="id_on_error">Datoen er før forløpet startet.' in page(response)


def test_move_to_a_unit_of_another_trust_is_not_a_choice(signed_in, org, pathway, both_units):
    response = signed_in.post(url("pathway_move", pathway),
                              {"to_unit": org.unit_b.pk, "on": iso(TODAY), "reason": "Tilbud"})
    assert ("Velg en enhet fra listen." in page(response),
            Pathway.objects.get(pk=pathway.pk).unit) == (True, org.unit_a)


# -- transfer to another trust ----------------------------------------------------------

def test_transfer_page_lists_only_other_trusts_units(signed_in, org, pathway):
    body = page(signed_in.get(url("pathway_transfer", pathway)))
    assert (f'value="{org.unit_b.pk}"' in body, f'value="{org.unit_a2.pk}"' in body) == (
        True, False)


def test_transfer_to_a_unit_the_user_cannot_see_goes_to_the_worklist(signed_in, org, pathway):
    response = signed_in.post(url("pathway_transfer", pathway),
                              {"to_unit": org.unit_b.pk, "received_on": iso(TODAY)})
    assert (response["Location"], Pathway.objects.get(pk=pathway.pk).is_open) == (
        reverse("worklist"), False)


def test_transfer_message_says_where_it_went(signed_in, org, pathway):
    response = signed_in.post(url("pathway_transfer", pathway),
                              {"to_unit": org.unit_b.pk, "received_on": iso(TODAY)}, follow=True)
    assert "Forløpet er overført til DPS Annet HF (Test HF B) og avsluttet her." in page(response)


def test_transfer_to_a_unit_the_user_sees_opens_the_new_pathway(signed_in, org, coordinator,
                                                                  pathway):
    RoleAssignment.objects.create(user=coordinator, role="clinician", unit=org.unit_b,
                                  valid_from=dt.date(2020, 1, 1))
    response = signed_in.post(url("pathway_transfer", pathway),
                              {"to_unit": org.unit_b.pk, "received_on": iso(TODAY)})
    received = Pathway.objects.get(trust=org.trust_b)
    assert response["Location"] == url("pathway_detail", received)


def test_transfer_dated_in_the_future_is_refused_at_the_date(signed_in, org, pathway):
    future = dt.date.today() + D(days=2)
    response = signed_in.post(url("pathway_transfer", pathway),
                              {"to_unit": org.unit_b.pk, "received_on": iso(future)})
    assert ('id="id_received_on_error">' in page(response) and "etter i dag" in page(response),
            Pathway.objects.filter(trust=org.trust_b).count()) == (True, 0)


def test_transfer_when_the_patient_has_a_pathway_there_is_refused(signed_in, org, pathway,
                                                                   outsider):
    factories.pathway(patient=pathway.patient, unit=org.unit_b, by=outsider, today=TODAY)
    response = signed_in.post(url("pathway_transfer", pathway),
                              {"to_unit": org.unit_b.pk, "received_on": iso(TODAY)})
    assert ("allerede et åpent forløp av denne typen" in page(response),
            Pathway.objects.get(pk=pathway.pk).is_open) == (True, True)


def test_other_unit_gets_404_on_the_transfer_page(client, outsider, pathway):
    client.force_login(outsider)
    assert client.post(url("pathway_transfer", pathway), {}).status_code == 404


# -- the pathway page: actions and histories --------------------------------------------

def test_pathway_page_links_to_the_three_pages(signed_in, pathway):
    body = page(signed_in.get(url("pathway_detail", pathway)))
    assert all(url(n, pathway) in body for n in
               ("pathway_setting", "pathway_move", "pathway_transfer"))


def test_pathway_page_hides_the_links_from_a_secretary(client, org, pathway):
    client.force_login(factories.user("sekretaer", role="secretary", unit=org.unit_a))
    assert url("pathway_move", pathway) not in page(client.get(url("pathway_detail", pathway)))


def test_pathway_page_shows_the_setting_history_with_norwegian_dates(signed_in, coordinator,
                                                                       pathway):
    change_setting(pathway=pathway, setting="inpatient", on=TODAY - D(days=3), by=coordinator,
                   reason="Innlagt akutt", today=TODAY)
    body = page(signed_in.get(url("pathway_detail", pathway)))
    assert "<td>31.5.2024</td><td>Døgn</td>" in body


def test_setting_history_leaves_out_a_retracted_change(signed_in, coordinator, pathway):
    from forlop.pathways.services import correct_event

    row = change_setting(pathway=pathway, setting="inpatient", on=TODAY - D(days=3),
                         by=coordinator, today=TODAY)
    correct_event(event=row, by=coordinator, reason="Feil", retract=True, today=TODAY)
    assert "<td>Døgn</td>" not in page(signed_in.get(url("pathway_detail", pathway)))


def test_pathway_page_shows_the_unit_history(signed_in, org, pathway, both_units):
    move_pathway(pathway=pathway, to_unit=org.unit_a2, on=TODAY - D(days=1), by=both_units,
                 reason="Nærmere hjemmet", today=TODAY)
    body = page(signed_in.get(url("pathway_detail", pathway)))
    assert "<td>2.6.2024</td><td>DPS Test</td><td>BUP Test</td>" in body


def test_the_histories_are_hidden_from_a_reader_with_plans_consent(client, municipal,
                                                                    coordinator, pathway):
    from forlop.access.models import Consent, ConsentScope, Participant

    pathway.patient.municipality = municipal.role_assignments.get().municipality
    pathway.patient.save()
    Consent.objects.create(patient=pathway.patient, participant=Participant.MUNICIPALITY,
                           participant_municipality=pathway.patient.municipality,
                           scope=ConsentScope.PLANS, valid_from=dt.date(2024, 1, 1),
                           registered_by=coordinator)
    client.force_login(municipal)
    assert "Omsorgsnivå over tid" not in page(client.get(url("pathway_detail", pathway)))

