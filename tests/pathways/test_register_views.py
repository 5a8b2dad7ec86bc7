"""The pathway page's registration and correction forms (client tests per view)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from forlop.accounts.roles import Role
from forlop.pathways.models import PathwayEvent
from forlop.pathways.services import register_event
from tests import factories
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def _today():
    oslo = ZoneInfo("Europe/Oslo")
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10, 42), oslo), tick=False):
        yield


@pytest.fixture
def secretary(org):
    return factories.user("sekretaer", role=Role.SECRETARY, unit=org.unit_a)


def newest(pathway):
    return pathway.events.order_by("-pk").first()


def post(client, pathway, **fields):
    body = {"on": TODAY.isoformat(), "outcome": "", "last_event": newest(pathway).pk, **fields}
    return client.post(reverse("pathway_register", args=[pathway.pk]), body)


def test_the_page_offers_the_registration_form(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert '<option value="first_attendance">Første oppmøte</option>' in page


def test_a_secretary_is_not_offered_a_clinical_decision(client, secretary, pathway):
    client.force_login(secretary)
    page = client.get(reverse("pathway_register", args=[pathway.pk])).content.decode()
    assert 'value="clinical_decision"' not in page


def test_a_secretary_is_offered_the_first_attendance(client, secretary, pathway):
    client.force_login(secretary)
    page = client.get(reverse("pathway_register", args=[pathway.pk])).content.decode()
    assert 'value="first_attendance"' in page


def test_a_registration_redirects_to_the_pathway_page(client, coordinator, pathway):
    client.force_login(coordinator)
    response = post(client, pathway, event="first_attendance")
    assert response["Location"] == reverse("pathway_detail", args=[pathway.pk])


def test_a_registration_is_stored(client, coordinator, pathway):
    client.force_login(coordinator)
    post(client, pathway, event="first_attendance")
    assert newest(pathway).event == "first_attendance"


def test_the_page_confirms_a_registration(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(post(client, pathway, event="first_attendance")["Location"])
    assert "Første oppmøte 3.6.2024 er registrert." in page.content.decode()


def test_a_refused_registration_answers_400_and_stores_nothing(client, coordinator, pathway):
    client.force_login(coordinator)
    before = PathwayEvent.objects.count()
    response = post(client, pathway, event="first_attendance", on="2024-06-20")
    assert (response.status_code, PathwayEvent.objects.count()) == (400, before)


def test_the_kernel_reason_stands_next_to_the_date(client, coordinator, pathway):
    client.force_login(coordinator)
    page = post(client, pathway, event="first_attendance", on="2024-06-20").content.decode()
    assert ('id="id_on_error">Første oppmøte er datert 20.6.2024, etter i dag (3.6.2024).'
            in page)


def test_the_error_summary_takes_focus(client, coordinator, pathway):
    client.force_login(coordinator)
    page = post(client, pathway, event="first_attendance", on="2024-06-20").content.decode()
    assert 'class="ds-error-summary" role="alert" tabindex="-1" autofocus' in page


def test_a_decision_without_outcome_is_refused_next_to_the_outcome(client, coordinator,
                                                                     pathway):
    client.force_login(coordinator)
    page = post(client, pathway, event="clinical_decision").content.decode()
    assert 'id="id_outcome_error">Velg utfall for Klinisk beslutning.' in page


def test_a_patient_delay_carries_its_postponement(client, coordinator, pathway):
    client.force_login(coordinator)
    post(client, pathway, event="patient_delay", postponed_from="2024-06-03",
         postponed_to="2024-06-20")
    assert newest(pathway).data == {"postponed_from": "2024-06-03", "postponed_to": "2024-06-20"}


def test_a_stale_page_is_refused_with_who_and_when(client, coordinator, clinician, pathway):
    client.force_login(coordinator)
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    response = post(client, pathway, event="treatment_plan", last_event=seen)
    assert ("Forløpet ble endret av Behandler kl. 10.42 – se oppdatert side og prøv igjen."
            in response.content.decode())


def test_a_stale_page_answers_409(client, coordinator, clinician, pathway):
    client.force_login(coordinator)
    seen = newest(pathway).pk
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=clinician,
                   today=TODAY)
    assert post(client, pathway, event="treatment_plan", last_event=seen).status_code == 409


def test_an_htmx_registration_gets_the_region_only(client, coordinator, pathway):
    client.force_login(coordinator)
    response = client.post(reverse("pathway_register", args=[pathway.pk]),
                           {"event": "first_attendance", "on": TODAY.isoformat(),
                            "last_event": newest(pathway).pk}, headers={"HX-Request": "true"})
    assert response.content.decode().startswith('<div id="pathway-work"')


def test_the_page_shows_no_iso_dates(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    main = page[page.index('<main'):]
    assert "2024-05-14" not in main.replace('value="2024-06-03"', "")


def test_the_page_masks_the_number(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert pathway.patient.identifier not in page


def test_a_correction_page_names_what_it_corrects(client, coordinator, pathway):
    client.force_login(coordinator)
    start = pathway.events.get(event="pathway_start")
    page = client.get(reverse("pathway_correct", args=[pathway.pk, start.pk])).content.decode()
    assert "Rett Start forløp 14.5.2024" in page


def _correct(client, pathway, event, **fields):
    body = {"on": event.on.isoformat(), "reason": "Feil dato", "last_event": newest(pathway).pk,
            **fields}
    return client.post(reverse("pathway_correct", args=[pathway.pk, event.pk]), body)


def test_a_correction_is_stored_as_a_new_row(client, coordinator, pathway):
    client.force_login(coordinator)
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=coordinator,
                   today=TODAY)
    attended = newest(pathway)
    _correct(client, pathway, attended, on="2024-06-01")
    assert (newest(pathway).supersedes, newest(pathway).on) == (attended, dt.date(2024, 6, 1))


def test_a_correction_needs_a_reason(client, coordinator, pathway):
    client.force_login(coordinator)
    start = pathway.events.get(event="pathway_start")
    response = _correct(client, pathway, start, reason="")
    assert "Skriv hvorfor registreringen rettes." in response.content.decode()


def test_a_corrected_entry_stays_visible_struck_through(client, coordinator, pathway):
    client.force_login(coordinator)
    register_event(pathway=pathway, event="first_attendance", on=TODAY, by=coordinator,
                   today=TODAY)
    _correct(client, pathway, newest(pathway), on="2024-06-01", reason="Skrevet feil dag")
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert "<del>3.6.2024</del>" in page and "Skrevet feil dag" in page


def test_the_correct_button_says_what_it_acts_on(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert 'Korriger<span class="ds-sr-only"> Start forløp 14.5.2024</span>' in page


def test_a_secretary_may_not_correct_a_clinical_decision(client, secretary, coordinator,
                                                          pathway):
    register_event(pathway=pathway, event="clinical_decision", outcome="CP", on=TODAY,
                   by=coordinator, today=TODAY)
    client.force_login(secretary)
    response = _correct(client, pathway, newest(pathway), outcome="CT")
    assert response.status_code == 404


def test_the_page_shows_the_birth_date(client, coordinator, pathway):
    client.force_login(coordinator)
    born = pathway.patient.birth_date
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert f"<dt>Født</dt><dd>{born.day}.{born.month}.{born.year}</dd>" in page


def test_htmx_is_loaded_as_a_deferred_file_without_injected_style(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert ('<script src="/static/vendor/htmx-2.0.11/htmx.min.js" defer></script>' in page
            and '"includeIndicatorStyles": false' in page)


def test_the_form_posts_with_htmx_to_the_same_url(client, coordinator, pathway):
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    url = reverse("pathway_register", args=[pathway.pk])
    assert f'action="{url}" hx-post="{url}" hx-target="#pathway-work"' in page


def test_the_page_shows_the_first_trust_when_set(client, coordinator, pathway):
    pathway.first_trust_started_on, pathway.first_trust_name = dt.date(2024, 5, 2), "Test HF B"
    pathway.save(update_fields=["first_trust_started_on", "first_trust_name"])
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert "<dd>2.5.2024 (Test HF B)</dd>" in page


def test_no_raw_key_is_visible_on_the_page(client, coordinator, pathway):
    import re

    from forlop.kernel import vocabulary as v

    register_event(pathway=pathway, event="clinical_decision", outcome="CP", on=TODAY,
                   by=coordinator, today=TODAY)
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    text = re.sub(r"<[^>]*>", " ", page[page.index("<main"):])
    words = set(re.findall(r"[\w-]+", text))
    assert words & {*v.EVENT_KEYS, *v.CLOCKS, *v.CLINICAL_DECISIONS, "outpatient"} == set()


def test_an_htmx_registration_also_updates_the_status(client, coordinator, pathway):
    client.force_login(coordinator)
    response = client.post(reverse("pathway_register", args=[pathway.pk]),
                           {"event": "first_attendance", "on": TODAY.isoformat(),
                            "last_event": newest(pathway).pk}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert '<dl class="app-facts" id="pathway-facts" hx-swap-oob="true">' in page
