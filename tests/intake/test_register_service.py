"""register_referral: the patient found or created, the referrer, the first trust,
the actor checked, the access log written; every refusal stores nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from forlop.access.authorize import NotPermitted
from forlop.access.models import AccessLogEntry
from forlop.pathways.models import Referral
from forlop.patients.models import Patient
from tests.conftest import TODAY
from tests.intake.conftest import new_number, referral


def test_secretary_registers_a_referral_for_a_new_patient(org, secretary):
    number = new_number()
    made = referral(unit=org.unit_a, by=secretary, number=number, name="Ny Testesen")
    assert (made.patient.identifier, made.patient.name, made.patient.identifier_kind,
            made.unit, made.received_on) == (number, "Ny Testesen", "fnr", org.unit_a, TODAY)


def test_a_known_number_uses_the_existing_patient(org, secretary, patient):
    made = referral(unit=org.unit_a, by=secretary, number=patient.identifier,
                    name=f"  {patient.name.upper()} ")
    assert (made.patient_id, Patient.objects.count()) == (patient.pk, 1)


def test_a_known_number_with_another_name_is_refused(org, secretary, patient):
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=secretary, number=patient.identifier, name="Feil Navn")
    assert "identifier" in refused.value.message_dict
    assert Referral.objects.count() == 0


def test_a_number_with_a_wrong_check_digit_is_refused_in_words(org, secretary):
    number = new_number()
    wrong = number[:10] + str((int(number[10]) + 1) % 10)
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=secretary, number=wrong)
    assert "Kontrollsifrene" in refused.value.message_dict["identifier"][0]
    assert Patient.objects.count() == 0


def test_receipt_in_the_future_is_refused(org, secretary):
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=secretary, received_on=TODAY + dt.timedelta(days=1))
    assert list(refused.value.message_dict) == ["received_on"]
    assert (Referral.objects.count(), Patient.objects.count()) == (0, 0)


def test_gp_referral_needs_the_gp_office(org, secretary):
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=secretary, referrer_kind="gp", gp_office=None)
    assert list(refused.value.message_dict) == ["gp_office"]


def test_gp_referral_records_office_name_and_hpr(org, secretary):
    made = referral(unit=org.unit_a, by=secretary, referrer_kind="gp",
                    gp_office=org.gp_office, referrer_name="Frida Fastlege",
                    referrer_hpr="9144889")
    assert (made.referrer_kind, made.gp_office, made.referrer_name, made.referrer_hpr) == (
        "gp", org.gp_office, "Frida Fastlege", "9144889")


def test_other_referrer_carries_no_gp_office(org, secretary):
    made = referral(unit=org.unit_a, by=secretary, referrer_kind="child_welfare",
                    gp_office=org.gp_office)
    assert made.gp_office is None


def test_forwarded_referral_keeps_the_first_trust(org, secretary):
    start = TODAY - dt.timedelta(days=30)
    made = referral(unit=org.unit_a, by=secretary, first_trust=(start, "Test HF B"))
    assert (made.first_trust_started_on, made.first_trust_name) == (start, "Test HF B")


def test_first_trust_start_after_receipt_is_refused(org, secretary):
    with pytest.raises(ValidationError) as refused:
        referral(unit=org.unit_a, by=secretary, received_on=TODAY - dt.timedelta(days=2),
                 first_trust=(TODAY, "Test HF B"))
    assert list(refused.value.message_dict) == ["first_trust_started_on"]


def test_registration_is_logged_against_the_patient(org, secretary):
    made = referral(unit=org.unit_a, by=secretary)
    [row] = AccessLogEntry.objects.filter(what="referral")
    assert (row.patient_id, row.user_id, row.action, row.role, row.unit_id) == (
        made.patient_id, secretary.pk, "write", "secretary", org.unit_a.pk)


@pytest.mark.parametrize("who", ["leader", "outsider", "municipal"])
def test_who_may_not_register_is_refused(request, org, who):
    with pytest.raises(NotPermitted):
        referral(unit=org.unit_a, by=request.getfixturevalue(who))
    assert (Referral.objects.count(), Patient.objects.count()) == (0, 0)


def test_a_new_patient_gets_the_birth_date_the_referral_gives(org, secretary):
    from forlop.intake.services import NewPatient, register_referral

    made = register_referral(unit=org.unit_a, by=secretary, received_on=TODAY,
                             patient=NewPatient(new_number(), "Ny Fødselsdag",
                                                dt.date(1990, 3, 4)),
                             referrer_kind="other", referrer_name="Annen", today=TODAY)
    assert made.patient.birth_date == dt.date(1990, 3, 4)


def test_a_birth_date_in_the_future_is_refused(org, secretary):
    from forlop.intake.services import NewPatient, register_referral

    with pytest.raises(ValidationError) as refused:
        register_referral(unit=org.unit_a, by=secretary, received_on=TODAY,
                          patient=NewPatient(new_number(), "Ny Framtid",
                                             TODAY + dt.timedelta(days=1)),
                          referrer_kind="other", referrer_name="Annen", today=TODAY)
    assert "birth_date" in refused.value.message_dict
    assert Patient.objects.filter(name="Ny Framtid").count() == 0
