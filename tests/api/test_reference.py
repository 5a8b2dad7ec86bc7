"""Reference data in the JSON API: the caller's units and the GP offices, and the
refusal of a GP referral without an office named by the API's field."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forlop.access.models import AccessLogEntry
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.organisations.models import GpOffice, Municipality
from tests import factories
from tests.api.test_endpoints import auth, gp_referral, post

# The caller's units ----------------------------------------------------------------------


def test_the_units_are_the_callers_with_trust_and_roles(client, org, coordinator, outsider):
    answer = client.get("/api/v1/units", **auth(coordinator))

    assert answer.status_code == 200, answer.content
    assert answer.json() == [{
        "id": org.unit_a.pk, "name": "DPS Test", "resh_id": "1009001",
        "trust": {"id": org.trust_a.pk, "name": "Test HF A", "org_number": "100009010"},
        "roles": [{"role": "coordinator", "role_label": "Forløpskoordinator"}]}]


def test_the_units_are_sorted_by_name_with_every_role_held_there(client, org, coordinator):
    for role, unit in [(Role.CLINICIAN, org.unit_a), (Role.SECRETARY, org.unit_a2)]:
        RoleAssignment.objects.create(user=coordinator, role=role, unit=unit,
                                      valid_from=dt.date(2020, 1, 1))

    body = client.get("/api/v1/units", **auth(coordinator)).json()

    assert [(u["name"], [r["role"] for r in u["roles"]]) for u in body] == [
        ("BUP Test", ["secretary"]), ("DPS Test", ["clinician", "coordinator"])]


def test_a_role_ended_is_no_unit_of_today(client, org, expired):
    assert client.get("/api/v1/units", **auth(expired)).json() == []


@pytest.mark.parametrize("role", [None, Role.MUNICIPAL_COORDINATOR])
def test_a_user_without_a_unit_role_gets_an_empty_list(client, org, role):
    user = User.objects.create_user(username="uten-rolle")
    if role:
        RoleAssignment.objects.create(user=user, role=role, municipality=org.municipality,
                                      valid_from=dt.date(2020, 1, 1))

    answer = client.get("/api/v1/units", **auth(user))

    assert (answer.status_code, answer.json()) == (200, [])


def test_the_role_labels_speak_nynorsk_when_asked(client, org, clinician):
    answer = client.get("/api/v1/units", HTTP_ACCEPT_LANGUAGE="nn", **auth(clinician))

    assert answer.json()[0]["roles"] == [{"role": "clinician", "role_label": "Behandlar"}]


def test_reference_data_writes_no_access_log_row(client, org, coordinator):
    client.get("/api/v1/units", **auth(coordinator))
    client.get("/api/v1/gp-offices", **auth(coordinator))

    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/units", "/api/v1/gp-offices"])
def test_reference_data_needs_a_signed_in_caller(client, org, path):
    assert client.get(path).status_code == 401


def queries(client, user, path: str) -> int:
    with CaptureQueriesContext(connection) as done:
        assert client.get(path, **auth(user)).status_code == 200
    return len(done)


def test_the_units_cost_the_same_queries_however_many(client, org, coordinator):
    one = queries(client, coordinator, "/api/v1/units")
    for unit in (org.unit_a2, org.unit_b):
        RoleAssignment.objects.create(user=coordinator, role=Role.CLINICIAN, unit=unit,
                                      valid_from=dt.date(2020, 1, 1))

    assert queries(client, coordinator, "/api/v1/units") == one


# GP offices --------------------------------------------------------------------------------


@pytest.fixture
def offices(org):
    """Testvik (1999): "Testvik legesenter" (the organisation's) and "Bakken
    legekontor"; Nordvik (0301): "Åsen Legekontor"."""
    nordvik = Municipality.objects.create(name="Nordvik kommune", number="0301",
                                          org_number="100009102",
                                          coordinating_unit_name="Koordinerende enhet")
    GpOffice.objects.create(municipality=org.municipality, name="Bakken legekontor",
                            org_number="100009211")
    GpOffice.objects.create(municipality=nordvik, name="Åsen Legekontor",
                            org_number="100009212")


def names(client, user, query: str = "") -> list[str]:
    answer = client.get(f"/api/v1/gp-offices{query}", **auth(user))
    assert answer.status_code == 200, answer.content
    return [office["name"] for office in answer.json()["items"]]


def test_every_gp_office_by_name_with_its_municipality(client, org, offices, outsider):
    answer = client.get("/api/v1/gp-offices", **auth(outsider))

    assert answer.json()["count"] == 3
    assert [o["name"] for o in answer.json()["items"]] == [
        "Bakken legekontor", "Testvik legesenter", "Åsen Legekontor"]
    assert answer.json()["items"][1] == {
        "id": org.gp_office.pk, "name": "Testvik legesenter", "org_number": "100009201",
        "municipality": {"number": "1999", "name": "Testvik kommune"}}


def test_any_signed_in_user_reads_them(client, org, offices):
    patient_user = factories.user("pasient", role=Role.PATIENT)

    assert len(names(client, patient_user)) == 3


def test_a_page_of_gp_offices_costs_the_same_queries_however_many(client, org, coordinator):
    one = queries(client, coordinator, "/api/v1/gp-offices")
    for n in range(3):
        GpOffice.objects.create(municipality=org.municipality, name=f"Legesenter {n}",
                                org_number=f"10000930{n}")

    assert queries(client, coordinator, "/api/v1/gp-offices") == one


def test_gp_offices_in_a_municipality(client, org, offices, coordinator):
    assert names(client, coordinator, "?municipality=0301") == ["Åsen Legekontor"]


def test_gp_offices_whose_name_holds_the_text_in_any_case(client, org, offices, coordinator):
    assert names(client, coordinator, "?q=LEGEKONTOR") == ["Bakken legekontor",
                                                           "Åsen Legekontor"]


@pytest.mark.parametrize("q", ["åsen", "ÅSEN", "Åsen legekontor", "SEN LEGE"])
def test_letters_beyond_a_to_z_match_in_any_case_on_either_database(client, org, offices,
                                                                     coordinator, q):
    # SQLite's own LIKE folds A-Z only: "åsen" did not find "Åsen Legekontor" there.
    assert names(client, coordinator, f"?q={quote(q)}") == ["Åsen Legekontor"]


def test_a_gp_office_by_its_organisation_number(client, org, offices, coordinator):
    assert names(client, coordinator, "?org_number=100009211") == ["Bakken legekontor"]


def test_the_filters_together(client, org, offices, coordinator):
    assert names(client, coordinator, "?municipality=1999&q=legekontor") == [
        "Bakken legekontor"]


def test_gp_offices_are_paged_and_counted_whole(client, org, offices, coordinator):
    answer = client.get("/api/v1/gp-offices?limit=1&offset=1", **auth(coordinator)).json()

    assert (answer["count"], [o["name"] for o in answer["items"]]) == (
        3, ["Testvik legesenter"])


@pytest.mark.parametrize(("parameter", "value"), [
    ("municipality", "199"),
    ("municipality", "19a9"),
    ("municipality", "１９９９"),  # fullwidth digits
    ("org_number", "10000921"),
    ("org_number", "1000092111"),
    ("org_number", "10000921١"),  # an Arabic-Indic one
    ("org_number", "100009211\n"),
    ("org_number", "100 009 211"),
    ("q", "a" * 101),
    ("q", "legekontor\x00"),
    ("limit", "0"),
    ("offset", "-1"),
])
def test_a_bad_parameter_is_422_naming_it(client, org, coordinator, parameter, value):
    answer = client.get("/api/v1/gp-offices", {parameter: value}, **auth(coordinator))

    assert answer.status_code == 422, answer.content
    assert [e["field"] for e in answer.json()["errors"]] == [f"query.{parameter}"]


# The API's field names in a service's refusal --------------------------------------------


def test_a_gp_referral_without_an_office_names_gp_office_id(client, org, coordinator):
    body = gp_referral(org)
    del body["gp_office_id"]

    answer = post(client, "/api/v1/referrals", body, coordinator)

    assert answer.status_code == 422, answer.content
    assert [e["field"] for e in answer.json()["errors"]] == ["gp_office_id"]
