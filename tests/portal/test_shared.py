"""The relative's page: what patients share with them, as far as the consent's scope
goes, and nothing once the consent has expired or been revoked."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from forlop.access.models import AccessLogEntry, Basis, ConsentScope, Participant
from forlop.access.services import add_restriction, revoke_consent
from tests import factories
from tests.portal.conftest import consent

URL = reverse("portal:shared")


def rows(client):
    return client.get(URL).context["rows"]


def test_overview_shows_type_unit_and_state_only(client, relative, relative_consent):
    client.force_login(relative)
    response = client.get(URL)
    [row] = response.context["rows"]
    assert (row.patient_name, row.type, row.unit, row.state) == (
        relative_consent.patient.name, "Tverrfaglig spesialisert rusbehandling", "DPS Test",
        "Startet")
    assert (row.plans, row.next_due, row.coordinator, row.clocks) == (False, None, "", None)
    text = response.content.decode()
    assert "Neste frist" not in text and "Frister i forløpet" not in text


def test_plans_adds_next_due_date_and_coordinator(client, relative, relative_consent, pathway,
                                                  coordinator):
    pathway.coordinator = coordinator
    pathway.save(update_fields=["coordinator"])
    relative_consent.scope = ConsentScope.PLANS
    relative_consent.save(update_fields=["scope"])
    client.force_login(relative)
    [row] = rows(client)
    assert (row.next_due, row.coordinator) == (pathway.state.next_due, "Koordinator")
    assert row.clocks is None


def test_collaboration_adds_the_clock_list(client, relative, relative_consent, pathway):
    relative_consent.scope = ConsentScope.COLLABORATION
    relative_consent.save(update_fields=["scope"])
    client.force_login(relative)
    response = client.get(URL)
    [row] = response.context["rows"]
    assert [(c.label, c.status) for c in row.clocks] == [
        ("Vurdering av henvisning", "Fristen er passert")]
    assert "Frister i forløpet" in response.content.decode()


def test_each_patient_shown_is_logged_once(client, relative, relative_consent, patient, org,
                                           coordinator):
    factories.pathway(patient=patient, unit=org.unit_b, by=coordinator,
                      today=timezone.localdate())
    client.force_login(relative)
    assert len(rows(client)) == 2
    assert list(AccessLogEntry.objects.values_list("patient_id", "what", "basis", "user_id")) \
        == [(patient.pk, "shared_record", Basis.RELATIVE_CONSENT, relative.pk)]


def test_revoked_consent_hides_the_pathway_at_once(client, relative, relative_consent,
                                                   patient_user):
    client.force_login(relative)
    assert len(rows(client)) == 1
    revoke_consent(consent=relative_consent, by=patient_user)
    assert rows(client) == []


def test_expired_consent_hides_the_pathway(client, relative, relative_consent):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    relative_consent.valid_from = yesterday - dt.timedelta(days=10)
    relative_consent.valid_to = yesterday
    relative_consent.save(update_fields=["valid_from", "valid_to"])
    client.force_login(relative)
    assert rows(client) == []
    assert "Ingen har delt forløp med deg" in client.get(URL).content.decode()
    assert not AccessLogEntry.objects.exclude(patient=None).exists()


def test_consent_for_one_pathway_shares_that_pathway_only(client, relative, patient, pathway,
                                                          org, coordinator):
    factories.pathway(patient=patient, unit=org.unit_b, by=coordinator,
                      today=timezone.localdate())
    consent(patient, by=coordinator, participant=Participant.RELATIVE, participant_user=relative,
            pathway=pathway)
    client.force_login(relative)
    assert [r.unit for r in rows(client)] == ["DPS Test"]


def test_restriction_against_the_relative_hides_the_pathway(client, relative, relative_consent,
                                                            patient, patient_user):
    add_restriction(patient=patient, by=patient_user, barred_user=relative)
    client.force_login(relative)
    assert rows(client) == []


def test_a_relative_sees_only_consents_given_to_them(client, relative_consent, pathway):
    other = factories.user("annenparorende", role="relative")
    client.force_login(other)
    assert rows(client) == []


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={URL}")


def test_staff_and_patients_are_refused(client, coordinator, patient_user):
    for user in (coordinator, patient_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_a_relative_without_an_active_consent_or_role_is_refused(client, org):
    user = factories.user("tidligere", role="patient")
    consent(factories.patient(), by=user, participant=Participant.RELATIVE,
            participant_user=user, revoked_at=timezone.now())
    client.force_login(user)
    assert client.get(URL).status_code == 403
