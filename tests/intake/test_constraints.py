"""The database holds the referral's invariants too (migration 0011_referral_intake)."""

import pytest
from django.db import IntegrityError, transaction

from forlop.pathways.models import Referral
from tests.conftest import TODAY


def create(org, patient, by, **fields):
    with transaction.atomic():
        return Referral.objects.create(patient=patient, unit=org.unit_a, received_on=TODAY,
                                       created_by=by, **fields)


@pytest.mark.parametrize("fields", [
    {"referrer_kind": "gp"},  # a GP referral without its GP office
    {"referrer_kind": "other", "gp_office": "office"},  # a GP office on another kind
    {"first_trust_name": "Test HF B"},  # the first trust's name without its start date
    {"first_trust_started_on": TODAY},  # the start date without the name
    {"assessed_by": "by"},  # an assessor without an assessment
], ids=["gp-without-office", "office-on-other", "trust-without-date", "date-without-trust",
        "assessor-without-assessment"])
def test_broken_referral_is_refused(org, patient, coordinator, fields):
    values = {k: {"office": org.gp_office, "by": coordinator}.get(v, v)
              for k, v in fields.items()}
    with pytest.raises(IntegrityError):
        create(org, patient, coordinator, **values)


def test_a_gp_referral_with_its_office_is_accepted(org, patient, coordinator):
    assert create(org, patient, coordinator, referrer_kind="gp", gp_office=org.gp_office).pk


def test_an_older_referral_without_a_kind_may_name_a_gp_office(org, patient, coordinator):
    assert create(org, patient, coordinator, gp_office=org.gp_office).pk
