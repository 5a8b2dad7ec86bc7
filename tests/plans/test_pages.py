"""The plan pages: staff write a version and see what changed; the patient reads
and co-signs on Min side; the relative reads only what the consent's scope allows
and leaves a message the clinician sees on the pathway page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.access.models import ConsentScope
from forlop.plans import selectors, services
from forlop.plans.models import PlanVersion, ResponseKind
from tests.plans.conftest import GOALS, share_with


def plan_post(**changes):
    body = {"goals": GOALS, "what_matters": "", "options_offered": "", "option_chosen": "",
            "crisis_plan": "Ring legevakt 116 117.", "individual_plan": "wants",
            "responsibility_group": "", "change_note": "",
            "tiltak-TOTAL_FORMS": "2", "tiltak-INITIAL_FORMS": "0",
            "tiltak-0-what": "Samtale", "tiltak-0-who": "Behandler",
            "tiltak-0-by": "2026-12-31",
            "evaluering-TOTAL_FORMS": "1", "evaluering-INITIAL_FORMS": "0",
            "evaluering-0-on": "2027-01-15"}
    return {**body, **changes}


def test_coordinator_writes_the_plan_and_a_second_version_shows_its_changes(
        client, pathway, coordinator):
    client.force_login(coordinator)
    url = reverse("plans:edit", args=[pathway.pk])
    assert client.post(url, plan_post()).status_code == 302
    assert client.post(url, plan_post(crisis_plan="Ring Pia først.",
                                      change_note="Ny kriseplan")).status_code == 302
    first, second = PlanVersion.objects.order_by("number")
    assert first.measures == [{"what": "Samtale", "who": "Behandler", "by": "2026-12-31"}]
    assert first.evaluation_dates == ["2027-01-15"]
    page = client.get(reverse("plans:versions", args=[pathway.pk])).content.decode()
    assert "Ring Pia først." in page and "Ny kriseplan" in page
    detail = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert "venter på pasientens signatur" in detail


def test_a_measure_without_who_is_refused_and_named(client, pathway, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("plans:edit", args=[pathway.pk]),
                           plan_post(**{"tiltak-0-who": ""}))
    assert response.status_code == 400
    assert "Skriv hvem som gjør det." in response.content.decode()
    assert not PlanVersion.objects.exists()


def test_patient_co_signs_on_min_side(client, pathway, patient_user, version):
    client.force_login(patient_user)
    url = reverse("plans:own_plan", args=[pathway.pk])
    page = client.get(url).content.decode()
    assert GOALS in page and "venter på at du leser og signerer" in page
    assert client.post(url, {"svar": "signer"}).status_code == 400  # box not ticked
    assert selectors.involvement_evidence(pathway) is None
    assert client.post(url, {"svar": "signer", "signer-agree": "on"}).status_code == 302
    assert selectors.involvement_evidence(pathway).kind == "co_signature"


def test_another_patient_cannot_open_or_sign_the_plan(client, org, pathway, patient_user,
                                                      version):
    from tests import factories

    other = factories.user("annen", role="patient")
    client.force_login(other)
    url = reverse("plans:own_plan", args=[pathway.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"svar": "signer", "signer-agree": "on"}).status_code == 404
    assert selectors.involvement_evidence(pathway) is None


def test_self_report_reaches_the_pathway_page(client, pathway, coordinator, patient_user):
    client.force_login(patient_user)
    response = client.post(reverse("plans:self_report", args=[pathway.pk]),
                           {"how_it_goes": "Sover bedre", "wants_to_discuss": "Jobb"})
    assert response.status_code == 302
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert "Sover bedre" in page and "Jobb" in page


@pytest.mark.parametrize(("scope", "shown", "hidden"), [
    (ConsentScope.OVERVIEW, ["2027"], ["Ring legevakt", GOALS, "Samtale"]),
    (ConsentScope.PLANS, ["Ring legevakt", "Samtale"], [GOALS]),
    (ConsentScope.COLLABORATION, ["Ring legevakt", "Samtale", GOALS], []),
])
def test_relative_reads_plan_parts_only_as_the_scope_allows(
        client, pathway, coordinator, relative, version, scope, shown, hidden):
    share_with(relative, pathway.patient, by=coordinator, scope=scope)
    client.force_login(relative)
    page = client.get(reverse("plans:shared", args=[pathway.pk])).content.decode()
    assert [s in page for s in shown] == [True] * len(shown)
    assert [h in page for h in hidden] == [False] * len(hidden)


def test_relative_without_consent_sees_nothing(client, pathway, relative, version):
    client.force_login(relative)
    assert client.get(reverse("plans:shared", args=[pathway.pk])).status_code == 404


def test_relatives_message_shows_on_the_pathway_page(client, pathway, coordinator, relative):
    share_with(relative, pathway.patient, by=coordinator, scope=ConsentScope.OVERVIEW)
    client.force_login(relative)
    response = client.post(reverse("plans:shared", args=[pathway.pk]),
                           {"text": "Han har sluttet å spise"})
    assert response.status_code == 302
    client.force_login(coordinator)
    page = client.get(reverse("pathway_detail", args=[pathway.pk])).content.decode()
    assert "Han har sluttet å spise" in page


def test_meeting_record_is_evidence(client, pathway, clinician, version):
    client.force_login(clinician)
    response = client.post(reverse("plans:meeting", args=[pathway.pk]),
                           {"held_on": timezone.localdate().isoformat(),
                            "present": "Pasienten, behandler"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert selectors.involvement_evidence(pathway).kind == "meeting"


def test_staff_plan_page_shows_signature(client, pathway, coordinator, patient_user, version):
    services.respond(version=version, by=patient_user, kind=ResponseKind.SIGNED)
    client.force_login(coordinator)
    page = client.get(reverse("plans:plan", args=[pathway.pk])).content.decode()
    assert "pasienten signerte versjon 1" in page


def test_reading_the_plan_is_logged_in_words_the_patient_reads(
        client, pathway, coordinator, patient_user, version):
    client.force_login(coordinator)
    client.get(reverse("plans:plan", args=[pathway.pk]))
    client.force_login(patient_user)
    page = client.get(reverse("portal:log")).content.decode()
    assert "Koordinator så på behandlingsplanen." in page
