"""HelseID: staff sign in by their HPR number, only into accounts that exist."""

import datetime as dt

import pytest
from django.urls import reverse

from forlop.accounts.models import User
from tests.idp.provider import HPR_KNOWN


@pytest.fixture
def doctor(clinician):
    clinician.hpr_number = HPR_KNOWN
    clinician.save()
    return clinician


def signed_in_user(visitor):
    return visitor.get(reverse("account")).text


def test_known_hpr_number_signs_in_and_lands_on_the_worklist(visitor, doctor):
    response = visitor.sign_in("helseid", "lege")
    assert (response.status_code, response.url) == (200, f"{visitor.base_url}/")


def test_sign_in_is_recorded_as_helseid(visitor, doctor):
    visitor.sign_in("helseid", "lege")
    page = signed_in_user(visitor)
    assert "Behandler" in page and "HelseID" in page


def test_unknown_hpr_number_is_refused_in_norwegian(visitor, doctor):
    response = visitor.sign_in("helseid", "ukjent-lege")
    assert (response.status_code, "ingen aktiv bruker med rolle" in response.text) == (403, True)


def test_unknown_hpr_number_creates_no_user(visitor, doctor):
    before = User.objects.count()
    visitor.sign_in("helseid", "ukjent-lege")
    assert User.objects.count() == before


def test_refused_visitor_is_not_signed_in(visitor, doctor):
    visitor.sign_in("helseid", "ukjent-lege")
    assert visitor.get("/").status_code == 302


def test_hpr_number_of_a_user_without_an_active_role_is_refused(visitor, expired):
    expired.hpr_number = HPR_KNOWN
    expired.save()
    assert visitor.sign_in("helseid", "lege").status_code == 403


def test_hpr_number_of_a_deactivated_user_is_refused(visitor, doctor):
    doctor.is_active = False
    doctor.save()
    assert visitor.sign_in("helseid", "lege").status_code == 403


def test_a_patient_identity_cannot_sign_in_through_helseid(visitor, doctor):
    assert visitor.sign_in("helseid", "pasient").status_code == 403


def test_sign_in_leads_back_to_where_the_user_was_going(visitor, doctor):
    response = visitor.follow(visitor.get("/logg-inn/helseid/?next=/konto/"))
    response = visitor.sign_in("helseid", "lege")
    assert response.url == f"{visitor.base_url}/konto/"


def test_role_that_ended_yesterday_no_longer_signs_in(visitor, doctor):
    doctor.role_assignments.update(valid_to=dt.date.today() - dt.timedelta(days=1))
    assert visitor.sign_in("helseid", "lege").status_code == 403
