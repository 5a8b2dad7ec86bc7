"""ID-porten: patients sign in by their fødselsnummer into an account of their own."""

import pytest

from forlop.accounts.models import User
from forlop.patients.models import Patient
from tests.idp.provider import PID_KNOWN


@pytest.fixture
def known_patient(org):
    return Patient.objects.create(identifier=PID_KNOWN, identifier_kind="fnr",
                                  name="Pasient Testesen")


def test_known_patient_signs_in(visitor, known_patient):
    response = visitor.sign_in("idporten", "pasient")
    # The start page sends a patient on to Min side.
    assert (response.status_code, response.url) == (200, f"{visitor.base_url}/min-side/")


def test_first_sign_in_creates_an_account_named_without_identifiers(visitor, known_patient):
    visitor.sign_in("idporten", "pasient")
    user = Patient.objects.get(pk=known_patient.pk).user
    assert (user.username.startswith("p-"), PID_KNOWN in user.username) == (True, False)
    assert list(user.role_assignments.values_list("role", flat=True)) == ["patient"]


def test_patient_account_stores_no_identifier(visitor, known_patient):
    visitor.sign_in("idporten", "pasient")
    user = Patient.objects.get(pk=known_patient.pk).user
    stored = [str(getattr(user, f.attname)) for f in User._meta.concrete_fields]
    assert not any(PID_KNOWN in value for value in stored)


def test_patient_account_has_no_password(visitor, known_patient):
    visitor.sign_in("idporten", "pasient")
    assert not Patient.objects.get(pk=known_patient.pk).user.has_usable_password()


def test_second_sign_in_uses_the_same_account(visitor, known_patient, live_server):
    visitor.sign_in("idporten", "pasient")
    first = Patient.objects.get(pk=known_patient.pk).user_id
    again = type(visitor)(live_server.url)
    again.sign_in("idporten", "pasient")
    assert (Patient.objects.get(pk=known_patient.pk).user_id, User.objects.filter(
        username__startswith="p-").count()) == (first, 1)


def test_unknown_patient_is_refused_in_norwegian(visitor, known_patient):
    response = visitor.sign_in("idporten", "ukjent-pasient")
    assert (response.status_code, "ikke registrert som pasient" in response.text) == (403, True)


def test_unknown_patient_creates_no_account(visitor, known_patient):
    before = User.objects.count()
    visitor.sign_in("idporten", "ukjent-pasient")
    assert User.objects.count() == before


def test_patient_record_linked_to_a_staff_account_is_refused(visitor, known_patient, clinician):
    known_patient.user = clinician
    known_patient.save()
    response = visitor.sign_in("idporten", "pasient")
    assert (response.status_code, "Ansatte logger inn med HelseID" in response.text) == (
        403, True)


def test_staff_identity_cannot_sign_in_through_idporten(visitor, known_patient):
    assert visitor.sign_in("idporten", "lege").status_code == 403
