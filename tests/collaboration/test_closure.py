"""The closure checklist: refused, naming each item, while any is missing; then the
closure outcome through the close service. The pathway page shows what is missing
from the first evaluation on."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.collaboration.models import ClosureChecklist, Meeting
from forlop.collaboration.selectors import CLOSURE_ITEMS
from forlop.collaboration.services import ClosureIncomplete, close_with_checklist, save_checklist
from forlop.followup.selectors import CONFIRMED_ITEM
from forlop.pathways.models import PathwayEvent
from forlop.pathways.services import register_event
from tests.followup.builders import confirmed_hand_over, plan_version

TODAY = timezone.localdate()


def held_meeting(pathway, by, **changes):
    return Meeting.objects.create(**{
        "pathway": pathway, "starts_at": timezone.now() - dt.timedelta(days=2), "mode": "video",
        "place": "Video", "agenda": "Avslutning", "held_on": TODAY - dt.timedelta(days=2),
        "minutes": "Enige om avslutning", "minuted_by": by, "planned_by": by,
        "is_final": True} | changes)


PLAN = "Psykisk helsetjeneste i kommunen: samtale hver 14. dag."
RESPONSIBLE = "Kari Kommune, psykisk helse"


def complete(pathway, by, *, confirmed=True) -> dict:
    """A complete checklist; ``confirmed``: the municipality has confirmed its
    follow-up plan and responsible (what an agreed closure also waits for, ADR 59)."""
    if confirmed:
        confirmed_hand_over(pathway, by, follow_up_plan=PLAN, responsible=RESPONSIBLE)
    return {"patient_agrees": True, "service_agrees": True, "follow_up_plan": PLAN,
            "individual_plan_used": False, "municipal_responsible": RESPONSIBLE,
            "final_meeting": held_meeting(pathway, by), "help_needs": "Støttesamtaler",
            "knows_where_to_turn": True, "risk_passed_on": True, "risk_passed_to": "Fastlegen"}


def close(pathway, by, **items):
    return close_with_checklist(pathway=pathway, by=by, on=TODAY, outcome="completed", **items)


def test_a_complete_checklist_closes_the_pathway_with_its_outcome(pathway, coordinator):
    close(pathway, coordinator, **complete(pathway, coordinator))
    pathway.refresh_from_db()
    events = list(pathway.events.order_by("pk").values_list("event", "outcome"))[-2:]
    assert (pathway.is_open, events) == (
        False, [("help_needs_at_closure", ""), ("pathway_end", "completed")])


@pytest.mark.parametrize(("item", "empty"), [
    ("patient_agrees", False), ("service_agrees", False), ("follow_up_plan", ""),
    ("municipal_responsible", " "), ("final_meeting", None), ("help_needs", ""),
    ("knows_where_to_turn", False), ("risk_passed_on", False), ("risk_passed_to", "")])
def test_the_closure_is_refused_while_an_item_is_missing_and_names_it(
        pathway, coordinator, item, empty):
    items = complete(pathway, coordinator) | {item: empty}
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator, **items)
    pathway.refresh_from_db()
    named = dict(CLOSURE_ITEMS)["risk_passed_on" if item == "risk_passed_to" else item]
    assert (refused.value.missing, pathway.is_open,
            PathwayEvent.objects.filter(event__in=["pathway_end", "help_needs_at_closure"])
            .count(), ClosureChecklist.objects.count()) == ([str(named)], True, 0, 0)


def test_an_individual_plan_stands_for_the_written_follow_up_plan(pathway, coordinator):
    plan = plan_version(pathway.patient, coordinator)
    confirmed_hand_over(pathway, coordinator, plan=plan, responsible=RESPONSIBLE)
    close(pathway, coordinator, **complete(pathway, coordinator, confirmed=False)
          | {"follow_up_plan": "", "individual_plan_used": True})
    pathway.refresh_from_db()
    assert pathway.is_open is False


def test_a_meeting_without_minutes_is_no_final_meeting(pathway, coordinator):
    planned = held_meeting(pathway, coordinator, held_on=None, minutes="", minuted_by=None)
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator, **complete(pathway, coordinator) | {"final_meeting": planned})
    assert refused.value.missing == [str(dict(CLOSURE_ITEMS)["final_meeting"])]


def test_an_empty_checklist_names_every_item(pathway, coordinator):
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator)
    # ... and the municipality's confirmation of the follow-up plan (ADR 59).
    assert refused.value.missing == [str(label) for _key, label in CLOSURE_ITEMS] + [
        str(CONFIRMED_ITEM)]


def test_the_closure_page_refuses_and_lists_what_is_missing(client, pathway, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("collaboration:closure", args=[pathway.pk]), {
        "patient_agrees": "on", "on": TODAY.isoformat(), "outcome": "completed",
        "avslutt": "1"})
    page = response.content.decode()
    pathway.refresh_from_db()
    assert (response.status_code, pathway.is_open, "navngitt ansvarlig fagperson" in page,
            "pasienten er enig" in page.lower().split("dette mangler")[1][:600]) == (
        400, True, True, False)


def test_saving_keeps_each_version_of_the_checklist(pathway, coordinator, clinician):
    save_checklist(pathway=pathway, by=coordinator, patient_agrees=True)
    save_checklist(pathway=pathway, by=clinician, patient_agrees=True, service_agrees=True)
    assert list(ClosureChecklist.objects.order_by("pk").values_list(
        "saved_by__username", "service_agrees")) == [("koordinator", False), ("behandler", True)]


def test_the_pathway_page_shows_whats_missing_from_the_first_evaluation(
        client, pathway, coordinator):
    client.force_login(coordinator)
    url = reverse("pathway_detail", args=[pathway.pk])
    before = client.get(url).content.decode()
    register_event(pathway=pathway, event="evaluation", on=TODAY, by=coordinator)
    save_checklist(pathway=pathway, by=coordinator, patient_agrees=True, service_agrees=True)
    after = client.get(url).content.decode()
    assert ('id="closure-status"' in before, 'id="closure-status"' in after,
            "Navngitt ansvarlig fagperson i kommunen" in after,
            "Pasienten er enig i avslutningen" in after) == (False, True, True, False)


def test_the_closure_page_in_nynorsk(client, pathway, coordinator):
    client.force_login(coordinator)
    client.cookies["django_language"] = "nn"
    page = client.get(reverse("collaboration:closure", args=[pathway.pk])).content.decode()
    assert ("Lagre sjekklista" in page, "Namngitt ansvarleg fagperson i kommunen" in page) == (
        True, True)
