"""Consent on Min side: list, give to the own municipality, revoke."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.access.models import AccessLogEntry, Action, Consent, ConsentScope, Participant
from forlop.pathways.models import Pathway
from tests.portal.conftest import assert_refused, consent

URL = reverse("portal:consents")


def revoke_url(item):
    return reverse("portal:consent_revoke", args=[item.pk])


def test_consents_page_lists_consents_with_status(client, patient, patient_user, org,
                                                  coordinator, relative):
    today = timezone.localdate()
    consent(patient, by=coordinator, participant_municipality=org.municipality)
    consent(patient, by=coordinator, participant=Participant.RELATIVE, participant_user=relative,
            valid_from=today - dt.timedelta(days=10), valid_to=today - dt.timedelta(days=1))
    consent(patient, by=coordinator, participant_municipality=org.municipality,
            valid_from=today + dt.timedelta(days=5))
    consent(patient, by=coordinator, participant_municipality=org.municipality,
            revoked_at=timezone.now())
    client.force_login(patient_user)
    rows = client.get(URL).context["rows"]
    assert sorted((r.who, r.status, r.can_revoke) for r in rows) == [
        ("Parorende", "expired", False),
        ("Testvik kommune", "active", True),
        ("Testvik kommune", "not_started", True),
        ("Testvik kommune", "revoked", False),
    ]


def test_reading_consents_is_logged(client, patient, patient_user):
    client.force_login(patient_user)
    client.get(URL)
    assert list(AccessLogEntry.objects.values_list("patient_id", "action", "what")) == [
        (patient.pk, Action.READ, "consent")]


def test_giving_consent_to_own_municipality(client, patient, patient_user, org):
    client.force_login(patient_user)
    end = timezone.localdate() + dt.timedelta(days=90)
    response = client.post(URL, {"scope": ConsentScope.PLANS, "valid_to": end.isoformat()},
                           follow=True)
    assert response.redirect_chain == [(URL, 302)]
    given = Consent.objects.get()
    assert (given.patient, given.participant, given.participant_municipality, given.scope,
            given.valid_from, given.valid_to, given.registered_by) == (
        patient, Participant.MUNICIPALITY, org.municipality, ConsentScope.PLANS,
        timezone.localdate(), end, patient_user)
    assert "Du har gitt samtykke til Testvik kommune." in response.content.decode()
    row = AccessLogEntry.objects.get(action=Action.CONSENT)
    assert (row.patient_id, row.user_id, row.what) == (patient.pk, patient_user.pk, "consent")
    assert row.reason == f"granted municipality plans #{given.pk}"


def test_given_consent_opens_the_pathway_to_the_municipality(client, patient_user, pathway,
                                                             municipal):
    assert not Pathway.objects.visible_to(municipal).exists()
    client.force_login(patient_user)
    client.post(URL, {"scope": ConsentScope.OVERVIEW})
    assert list(Pathway.objects.visible_to(municipal)) == [pathway]


@pytest.mark.parametrize("data, field, message", [
    ({}, "scope", "Velg hva kommunen skal få se."),
    ({"scope": "everything"}, "scope", "Velg ett av alternativene."),
    ({"scope": "plans", "valid_to": "2001-01-01"}, "valid_to",
     "Sluttdatoen kan ikke være tilbake i tid."),
    ({"scope": "plans", "valid_to": "i morgen"}, "valid_to",
     "Skriv en gyldig dato, for eksempel 31.12.2030."),
])
def test_form_errors_are_shown_per_field_and_nothing_is_saved(client, patient_user, data,
                                                              field, message):
    client.force_login(patient_user)
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    text = response.content.decode()
    assert text.count(message) == 2  # in the summary at the top and by the field
    assert f'href="#id_{field}' in text
    assert not Consent.objects.exists()
    assert not AccessLogEntry.objects.filter(action=Action.CONSENT).exists()


def test_patient_without_municipality_cannot_give_consent(client, patient, patient_user):
    patient.municipality = None
    patient.save(update_fields=["municipality"])
    client.force_login(patient_user)
    assert client.get(URL).context["form"] is None
    response = client.post(URL, {"scope": "plans"}, follow=True)
    assert "Vi vet ikke hvilken kommune du bor i" in response.content.decode()
    assert not Consent.objects.exists()


def test_revoking_stops_sharing_at_once_and_is_logged(client, patient, patient_user, pathway,
                                                      org, coordinator, municipal):
    given = consent(patient, by=coordinator, participant_municipality=org.municipality)
    assert list(Pathway.objects.visible_to(municipal)) == [pathway]
    client.force_login(patient_user)
    response = client.post(revoke_url(given), follow=True)
    assert response.redirect_chain == [(URL, 302)]
    given.refresh_from_db()
    assert given.revoked_by == patient_user and given.revoked_at is not None
    assert not Pathway.objects.visible_to(municipal).exists()
    assert "Samtykket til Testvik kommune er trukket tilbake." in response.content.decode()
    row = AccessLogEntry.objects.get(action=Action.CONSENT)
    assert (row.patient_id, row.user_id, row.reason) == (
        patient.pk, patient_user.pk, f"revoked #{given.pk}")


def test_revoke_is_post_only(client, patient, patient_user, org, coordinator):
    given = consent(patient, by=coordinator, participant_municipality=org.municipality)
    client.force_login(patient_user)
    assert client.get(revoke_url(given)).status_code == 405
    given.refresh_from_db()
    assert given.revoked_at is None


def test_another_patients_consent_is_not_found(client, patient, other_patient_user, org,
                                               coordinator):
    given = consent(patient, by=coordinator, participant_municipality=org.municipality)
    client.force_login(other_patient_user)
    assert client.post(revoke_url(given)).status_code == 404
    given.refresh_from_db()
    assert given.revoked_at is None


def test_unknown_consent_is_not_found(client, patient_user):
    client.force_login(patient_user)
    assert client.post(reverse("portal:consent_revoke", args=[999_999])).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_and_staff_are_refused(client, coordinator, method, patient, org):
    given = consent(patient, by=coordinator, participant_municipality=org.municipality)
    assert_refused(client, [URL, revoke_url(given)], coordinator, method)
    given.refresh_from_db()
    assert given.revoked_at is None
