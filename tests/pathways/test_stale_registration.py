"""Two people at once: a registration from a stale page is refused, naming who and when."""

import pytest

from forlop.pathways.models import PathwayEvent
from forlop.pathways.services import correct_event, register_event
from forlop.pathways.services.stale import StaleRegistration
from tests.conftest import TODAY


def newest(pathway):
    return pathway.events.order_by("-pk").first()


def test_a_registration_on_the_newest_event_is_applied(pathway, coordinator):
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=coordinator,
                   today=TODAY, expected_last_event=newest(pathway).pk)
    assert newest(pathway).event == "first_attendance"


def test_a_registration_on_a_stale_page_is_refused(pathway, coordinator, clinician):
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    with pytest.raises(StaleRegistration):
        register_event(pathway=pathway, event="treatment_plan", on=TODAY, by=coordinator,
                       today=TODAY, expected_last_event=seen)


def test_the_refusal_says_who_registered_in_between(pathway, coordinator, clinician):
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    with pytest.raises(StaleRegistration) as refused:
        register_event(pathway=pathway, event="treatment_plan", on=TODAY, by=coordinator,
                       today=TODAY, expected_last_event=seen)
    assert (refused.value.by, refused.value.at) == (clinician, newest(pathway).registered_at)


def test_a_stale_registration_stores_nothing(pathway, coordinator, clinician):
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    with pytest.raises(StaleRegistration):
        register_event(pathway=pathway, event="treatment_plan", on=TODAY, by=coordinator,
                       today=TODAY, expected_last_event=seen)
    assert not PathwayEvent.objects.filter(event="treatment_plan").exists()


def test_a_correction_on_a_stale_page_is_refused(pathway, coordinator, clinician):
    start = pathway.events.get(event="pathway_start")
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    with pytest.raises(StaleRegistration):
        correct_event(event=start, by=coordinator, reason="Feil dato", on=start.on,
                      today=TODAY, expected_last_event=seen)
