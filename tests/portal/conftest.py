"""Portal personas: ``patient_user`` (signed in as the ``patient`` of the shared
fixtures, living in the test municipality), ``relative`` (a relative the patient
shares with via ``relative_consent``) and ``other_patient_user``."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from forlop.access.models import Consent, ConsentScope, Participant
from tests import factories


@pytest.fixture
def patient_user(org, patient):
    user = factories.user("pasient", role="patient")
    patient.user, patient.municipality = user, org.municipality
    patient.save(update_fields=["user", "municipality"])
    return user


@pytest.fixture
def other_patient_user(org):
    user = factories.user("annenpasient", role="patient")
    other = factories.patient("Ola Annen")
    other.user = user
    other.save(update_fields=["user"])
    return user


@pytest.fixture
def relative(org):
    return factories.user("parorende", role="relative")


def consent(patient, *, by, scope=ConsentScope.OVERVIEW, days_left=30, **kwargs):
    today = timezone.localdate()
    defaults = {"participant": Participant.MUNICIPALITY, "valid_from": today,
                "valid_to": today + dt.timedelta(days=days_left) if days_left else None}
    return Consent.objects.create(patient=patient, scope=scope, registered_by=by,
                                  **{**defaults, **kwargs})


@pytest.fixture
def relative_consent(patient, pathway, relative, coordinator):
    return consent(patient, by=coordinator, participant=Participant.RELATIVE,
                   participant_user=relative)


def assert_refused(client, urls, staff, method):
    """Anonymous users go to sign-in; signed-in staff without the permission get 403."""
    for url in urls:
        client.logout()
        response = getattr(client, method)(url)
        assert (response.status_code, response.url) == (302, f"{reverse('login')}?next={url}")
        client.force_login(staff)
        assert getattr(client, method)(url).status_code == 403
