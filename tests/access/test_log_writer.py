"""The access log's writer takes shortcuts (the JSON around a request's per-row values
written once, arrays sent as PostgreSQL's text): each must give what the plain way
gives, or the chain would not verify."""

import datetime as dt

import pytest

from forlop.access.audit import Touch, append, verify
from forlop.access.models import AccessLogEntry, Basis
from forlop.access.models.log import content_of, hash_of, row_hasher
from tests import factories

COMMON = {"at": dt.datetime(2026, 12, 3, 10, 1, 2, 345678, tzinfo=dt.UTC), "user_id": 7,
          "user_name": 'Åse "Ø" Back\\slash \u2028', "action": "read", "what": "export",
          "outcome": "allowed", "reason": "", "request_id": "r-1"}


@pytest.mark.parametrize("per_row", [
    {"role": "", "unit_id": None, "patient_id": 12, "basis": Basis.UNIT, "prev_hash": "0" * 64},
    {"role": 'lege "ø"', "unit_id": 3, "patient_id": None, "basis": "consent",
     "prev_hash": "ab" * 32},
    {"role": "x\ny", "unit_id": True, "patient_id": 10**20, "basis": "æ", "prev_hash": ""},
])
def test_a_rows_hash_from_the_shared_json_is_the_plain_hash(per_row):
    row = {**COMMON, **per_row}
    assert row_hasher(COMMON)(row) == hash_of(content_of(row))


def test_a_shared_value_holding_a_marks_text_still_hashes_as_the_plain_way():
    common = {**COMMON, "reason": "\x000", "user_name": "\x004"}
    row = {**common, "role": "r", "unit_id": 1, "patient_id": 2, "basis": "unit",
           "prev_hash": "c" * 64}
    assert row_hasher(common)(row) == hash_of(content_of(row))


@pytest.mark.django_db
def test_rows_with_quotes_backslashes_and_no_unit_are_stored_as_given_and_verify(clinician):
    patients = [factories.patient() for _ in range(3)]
    roles = ['a "quoted" role', "back\\slash, comma", ""]
    logged = append(user=clinician, request_id="r", action="read", what="export",
                    touches=[Touch(p.pk, Basis.UNIT, role, None)
                             for p, role in zip(patients, roles, strict=True)])
    stored = list(AccessLogEntry.objects.filter(pk__in=[r.pk for r in logged]).order_by("pk"))
    assert [(r.patient_id, r.role, r.unit_id) for r in stored] == [
        (p.pk, role, None) for p, role in zip(patients, roles, strict=True)]
    assert verify().ok
