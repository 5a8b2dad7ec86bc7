"""Closure across levels (ADR 59): the specialist closure waits for the municipality
to confirm the follow-up plan and its named responsible professional; the plan goes
to the municipality as a message, and the GP office is told when the pathway closes."""

import pytest
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.models import ConsentScope
from forlop.collaboration.services import ClosureIncomplete, save_checklist
from forlop.followup import selectors, services
from forlop.followup.models import Confirmation, FollowUpRequest
from forlop.pathways.closure import ClosureNotReady
from forlop.pathways.services import close_pathway
from tests.collaboration.test_closure import PLAN, RESPONSIBLE, TODAY, close, complete
from tests.followup.builders import plan_version
from tests.followup.conftest import share


def messages_of(kind):
    from forlop.messaging.models import Message

    return list(Message.objects.filter(kind=kind).order_by("pk"))


@pytest.fixture
def checklist(pathway, coordinator):
    """A complete checklist, saved, without the municipality's confirmation."""
    items = complete(pathway, coordinator, confirmed=False)
    save_checklist(pathway=pathway, by=coordinator, **items)
    return items


def test_closure_is_refused_until_the_municipality_confirms_then_accepted(
        pathway, coordinator, municipal, checklist, shared):
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator, **checklist)
    assert refused.value.missing == [str(selectors.CONFIRMED_ITEM)]
    request = services.request_confirmation(pathway=pathway, by=coordinator)
    with pytest.raises(ClosureIncomplete):  # asked, not yet confirmed
        close(pathway, coordinator, **checklist)
    services.confirm(request=request, by=municipal, note="Kari har overtatt")
    close(pathway, coordinator, **checklist)
    pathway.refresh_from_db()
    assert pathway.is_open is False


def test_every_closer_waits_for_it_the_generic_close_service_too(
        pathway, coordinator, checklist):
    with pytest.raises(ClosureNotReady) as refused:
        close_pathway(pathway=pathway, on=TODAY, outcome="completed", by=coordinator,
                      today=TODAY)
    assert refused.value.missing == [str(selectors.CONFIRMED_ITEM)]


def test_a_change_after_confirmation_needs_a_new_confirmation(
        pathway, coordinator, municipal, checklist, shared):
    services.confirm(request=services.request_confirmation(pathway=pathway, by=coordinator),
                     by=municipal)
    changed = checklist | {"municipal_responsible": "Per Kommune, rus"}
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator, **changed)
    assert "be kommunen bekrefte på nytt" in refused.value.missing[0]


def test_the_plan_is_sent_to_the_municipality_and_the_gp_is_told_at_closure(
        pathway, coordinator, municipal, checklist, shared, org, settings,
        django_capture_on_commit_callbacks):
    from pathlib import Path

    with django_capture_on_commit_callbacks(execute=True):  # the outbox, on commit
        request = services.request_confirmation(pathway=pathway, by=coordinator)
        services.confirm(request=request, by=municipal)
        close(pathway, coordinator, **checklist)
    plan, = messages_of("follow_up_plan")
    told, = messages_of("closure")
    outbox = sorted(p.name for p in Path(settings.FORLOP_OUTBOX_DIR).iterdir())
    assert (plan.to_municipality, plan.pathway, RESPONSIBLE in plan.body, PLAN in plan.body,
            request.message_id == plan.pk, told.to_gp_office, told.state,
            "Testvik kommune bekreftet" in told.body,
            any(name.endswith("-closure.json") for name in outbox)) == (
        org.municipality, pathway, True, True, True, org.gp_office, "delivered", True, True)


def test_with_an_individual_plan_that_plan_is_the_follow_up_plan(
        pathway, coordinator, municipal, checklist, shared):
    plan = plan_version(pathway.patient, municipal)
    with pytest.raises(services.Refused, match="individuell plan"):
        services.request_confirmation(pathway=pathway, by=coordinator)
    with pytest.raises(ClosureIncomplete) as refused:
        close(pathway, coordinator, **checklist)
    assert "pasienten har individuell plan" in refused.value.missing[0]
    items = checklist | {"follow_up_plan": "", "individual_plan_used": True}
    save_checklist(pathway=pathway, by=coordinator, **items)
    request = services.request_confirmation(pathway=pathway, by=coordinator)
    services.confirm(request=request, by=municipal)
    close(pathway, coordinator, **items)
    assert (request.plan_version, "Bo i egen leilighet" in messages_of("follow_up_plan")[0].body
            ) == (plan, True)


def test_only_the_municipal_side_within_consent_confirms(
        pathway, coordinator, municipal, elsewhere, checklist, org, patient):
    with pytest.raises(services.Refused, match="samtykket"):  # no consent: not even asked
        services.request_confirmation(pathway=pathway, by=coordinator)
    plans = share(patient, org.municipality, by=coordinator)
    request = services.request_confirmation(pathway=pathway, by=coordinator)
    plans.revoked_at = plans.registered_at
    plans.save()
    with pytest.raises(NotPermitted):  # the consent revoked since
        services.confirm(request=request, by=municipal)
    share(patient, org.municipality, ConsentScope.OVERVIEW, by=coordinator)
    with pytest.raises(NotPermitted):  # a consent that does not share plans
        services.confirm(request=request, by=municipal)
    assert selectors.awaiting_confirmation(municipal) == []
    share(patient, org.municipality, by=coordinator)
    for outsider in (coordinator, elsewhere):  # the specialist side, another municipality
        with pytest.raises(NotPermitted):
            services.confirm(request=request, by=outsider)
    assert selectors.awaiting_confirmation(municipal) == [request]
    services.confirm(request=request, by=municipal)
    assert (Confirmation.objects.count(), selectors.awaiting_confirmation(municipal)) == (1, [])


def test_asking_needs_a_clinical_role_and_a_filled_in_checklist(
        pathway, coordinator, municipal, shared):
    with pytest.raises(services.Refused, match="ansvarlig fagperson"):
        services.request_confirmation(pathway=pathway, by=coordinator)
    with pytest.raises(NotPermitted):
        services.request_confirmation(pathway=pathway, by=municipal)
    assert FollowUpRequest.objects.count() == 0


def test_the_specialist_asks_and_the_municipality_confirms_on_the_pages(
        client, pathway, coordinator, municipal, checklist, shared):
    client.force_login(coordinator)
    handover = reverse("followup:handover", args=[pathway.pk])
    asked = client.post(handover)
    client.force_login(municipal)
    listed = client.get(reverse("followup:awaiting")).content.decode()
    confirm = reverse("followup:confirm", args=[pathway.pk])
    page = client.get(confirm).content.decode()
    refused = client.post(confirm, {})
    done = client.post(confirm, {"taken_over": "on", "note": "Overtatt"})
    client.force_login(coordinator)
    after = client.get(handover).content.decode()
    assert (asked.status_code, confirm in listed, RESPONSIBLE in page, PLAN in page,
            refused.status_code, done.status_code, "har overtatt oppfølgingen" in after) == (
        302, True, True, True, 400, 302, True)


def test_the_pages_in_nynorsk(client, pathway, coordinator, checklist, shared):
    client.force_login(coordinator)
    client.cookies["django_language"] = "nn"
    page = client.get(reverse("followup:handover", args=[pathway.pk])).content.decode()
    assert "Oppfølgingsplan til kommunen" in page and "Be kommunen stadfeste" in page


def test_the_message_names_where_to_confirm(pathway, coordinator, checklist, shared):
    services.request_confirmation(pathway=pathway, by=coordinator)
    assert reverse("followup:confirm", args=[pathway.pk]) in messages_of("follow_up_plan")[0].body
