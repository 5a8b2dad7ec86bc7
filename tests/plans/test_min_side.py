"""Min side in plain words: a passed deadline is explained, not shown bare; who
helps and how to reach them; the plan waiting for the patient's signature."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from forlop.plans import services
from forlop.plans.models import ResponseKind
from tests import factories
from tests.plans.conftest import content

HOME = reverse("portal:home")


def test_a_passed_deadline_is_explained(client, pathway, patient_user):
    # The pathway was started in 2024 (tests' TODAY): its next deadline is long past.
    assert pathway.state.next_due < timezone.localdate()
    client.force_login(patient_user)
    page = client.get(HOME).content.decode()
    due = pathway.state.next_due
    assert f"Dette skulle skje senest {due.day}.{due.month}.{due.year}" in page
    assert "Den datoen er passert" in page and "Det er ikke din feil" in page


def test_a_coming_deadline_is_a_plain_date(client, org, patient, patient_user, coordinator):
    today = timezone.localdate()
    made = factories.pathway(patient=patient, unit=org.unit_a, by=coordinator, today=today,
                             type="psykose",
                             started_on=today - dt.timedelta(days=1))
    client.force_login(patient_user)
    page = client.get(HOME).content.decode()
    due = made.state.next_due
    assert f"Det skal skje senest {due.day}.{due.month}.{due.year}." in page
    assert "Den datoen er passert" not in page


def test_home_names_coordinator_and_clinician_and_the_plan_awaiting_signature(
        client, org, pathway, patient_user, coordinator, clinician):
    pathway.coordinator = coordinator
    pathway.save(update_fields=["coordinator"])
    version = services.save_version(pathway=pathway, by=clinician, content=content())
    client.force_login(patient_user)
    page = client.get(HOME).content.decode()
    assert "Forløpskoordinator: Koordinator" in page and "Behandler: Behandler" in page
    assert "Les og signer behandlingsplanen" in page
    assert reverse("plans:own_plan", args=[pathway.pk]) in page
    services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    page = client.get(HOME).content.decode()
    assert "Du signerte behandlingsplanen" in page


def test_plan_pages_in_nynorsk(client, pathway, patient_user, version):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nn"
    client.force_login(patient_user)
    home = client.get(HOME).content.decode()
    assert "Der du er no" in home and "Det er ikkje di skuld" in home
    page = client.get(reverse("plans:own_plan", args=[pathway.pk])).content.decode()
    assert "Eg har lese planen og er einig i han" in page
    assert "Pasienten sine eigne mål" in page


def test_relative_sees_a_passed_deadline_explained(client, pathway, coordinator, relative):
    from tests.plans.conftest import share_with

    share_with(relative, pathway.patient, by=coordinator)
    client.force_login(relative)
    page = client.get(reverse("portal:shared")).content.decode()
    assert "Fristen er passert, og det er ikke registrert at det har skjedd." in page
    assert reverse("plans:shared", args=[pathway.pk]) in page
