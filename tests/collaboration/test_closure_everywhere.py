"""The closure checklist holds for every way of closing (ADR 50): the pathway
page's generic form, the API and the services refuse an agreed closure without a
complete checklist and name what is missing; other outcomes close as before, and the
checklist page still closes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forlop.collaboration.selectors import CLOSURE_ITEMS
from forlop.pathways.closure import ClosureNotReady
from forlop.pathways.services import close_pathway, correct_event, register_event
from tests.api.test_endpoints import newest, post
from tests.collaboration.test_closure import TODAY, close, complete


def all_items():
    """The checklist's items and the municipality's confirmation (ADR 59)."""
    from forlop.followup.selectors import CONFIRMED_ITEM

    return [str(label) for _key, label in CLOSURE_ITEMS] + [str(CONFIRMED_ITEM)]


@pytest.mark.parametrize("outcome", ["completed", "transferred_contracted_specialist"])
def test_the_close_service_refuses_an_agreed_closure_without_the_checklist(
        pathway, coordinator, outcome):
    with pytest.raises(ClosureNotReady) as refused:
        close_pathway(pathway=pathway, on=TODAY, outcome=outcome, by=coordinator, today=TODAY)
    pathway.refresh_from_db()
    assert (refused.value.missing, pathway.is_open,
            pathway.events.filter(event="pathway_end").exists()) == (all_items(), True, False)


def test_register_event_refuses_it_too_and_names_each_missing_item(pathway, coordinator):
    from forlop.collaboration.services import save_checklist

    save_checklist(pathway=pathway, by=coordinator, patient_agrees=True, service_agrees=True)
    with pytest.raises(ValidationError) as refused:
        register_event(pathway=pathway, event="pathway_end", on=TODAY, outcome="completed",
                       by=coordinator, today=TODAY)
    text = " ".join(refused.value.message_dict["outcome"])
    assert ("navngitt ansvarlig fagperson i kommunen" in text,
            "pasienten er enig i avslutningen" in text) == (True, False)


@pytest.mark.parametrize("outcome", ["died", "patient_withdrew", "no_right_to_care"])
def test_closures_that_are_not_agreed_need_no_checklist(pathway, coordinator, outcome):
    close_pathway(pathway=pathway, on=TODAY, outcome=outcome, by=coordinator, today=TODAY)
    pathway.refresh_from_db()
    assert pathway.is_open is False


def test_a_correction_cannot_turn_another_closure_into_a_completed_one(pathway, coordinator):
    end = close_pathway(pathway=pathway, on=TODAY, outcome="died", by=coordinator, today=TODAY)
    with pytest.raises(ClosureNotReady):
        correct_event(event=end, outcome="completed", by=coordinator, reason="Feil utfall",
                      today=TODAY)


def test_the_checklist_page_service_still_closes(pathway, coordinator):
    close(pathway, coordinator, **complete(pathway, coordinator))
    pathway.refresh_from_db()
    assert pathway.is_open is False


def test_the_generic_form_no_longer_offers_completed_and_points_to_the_checklist(
        client, pathway, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert ('value="completed"' in page, 'value="patient_withdrew"' in page,
            'id="closure-elsewhere"' in page,
            reverse("collaboration:closure", args=[pathway.pk]) in page) == (
        False, True, True, True)


def test_posting_completed_to_the_generic_form_is_refused(client, pathway, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("pathway_register", args=[pathway.pk]), {
        "event": "pathway_end", "on": TODAY.isoformat(), "outcome": "completed",
        "last_event": newest(pathway).pk})
    pathway.refresh_from_db()
    assert (response.status_code, pathway.is_open) == (400, True)


def test_the_api_refuses_with_422_naming_the_missing_items(client, pathway, coordinator):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "pathway_end", "on": TODAY.isoformat(), "outcome": "completed",
                   "expected_last_event": newest(pathway).pk}, coordinator)
    pathway.refresh_from_db()
    body = answer.json()
    assert (answer.status_code, pathway.is_open, body["errors"][0]["field"],
            "avsluttende samarbeidsmøte" in body["detail"]) == (422, True, "outcome", True)


def test_the_correction_page_refuses_it_by_the_outcome_field(client, pathway, coordinator):
    end = close_pathway(pathway=pathway, on=TODAY, outcome="died", by=coordinator, today=TODAY)
    client.force_login(coordinator)
    response = client.post(reverse("pathway_correct", args=[pathway.pk, end.pk]), {
        "on": TODAY.isoformat(), "outcome": "completed", "reason": "Feil utfall",
        "last_event": end.pk})
    assert (response.status_code, "avsluttende samarbeidsmøte" in response.content.decode(),
            pathway.events.filter(supersedes=end).exists()) == (400, True, False)
