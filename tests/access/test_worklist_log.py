"""The worklist logs one access-log row per patient shown, with who, in which role and
unit, on what basis, and the request id the response carries."""

import datetime as dt

import pytest
from django.urls import reverse

from forlop.access.models import AccessLogEntry, Action, Basis, Outcome
from tests import factories
from tests.access import builders as b

URL = reverse("worklist")


def new_rows(since: int):
    return list(AccessLogEntry.objects.filter(pk__gt=since).order_by("pk"))


def head() -> int:
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.fixture
def ward(org, coordinator, outsider):
    """Three patients in unit A, one of them with two open pathways; one in unit B."""
    patients = [factories.patient() for _ in range(3)]
    for each in patients:
        b.pathway(each, org.unit_a, coordinator)
    b.pathway(patients[0], org.unit_a, coordinator, type="voksne")
    b.pathway(factories.patient(), org.unit_b, outsider)
    return patients


def test_one_row_per_patient_shown(client, coordinator, ward, org):
    client.force_login(coordinator)
    since = head()
    response = client.get(URL)
    assert len(response.context["rows"]) == 4  # four pathways, three patients
    rows = new_rows(since)
    assert sorted(r.patient_id for r in rows) == sorted(p.pk for p in ward)
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    for row in rows:
        assert (row.user, row.user_name, row.role, row.unit) == (
            coordinator, "Koordinator", "coordinator", org.unit_a)
        assert (row.basis, row.action, row.what, row.outcome) == (
            Basis.UNIT, Action.READ, "worklist", Outcome.ALLOWED)
        assert row.request_id == request_id


def test_only_the_page_shown_is_logged(client, coordinator, ward, settings):
    settings.WORKLIST_PAGE_SIZE = 2
    client.force_login(coordinator)
    since = head()
    shown = client.get(URL, {"side": 2}).context["rows"]
    assert len(shown) == 2
    assert len(new_rows(since)) == len({row.patient_name for row in shown})


def test_each_request_is_logged_with_its_own_id(client, coordinator, ward):
    client.force_login(coordinator)
    since = head()
    first, second = client.get(URL), client.get(URL)
    assert first["X-Request-ID"] != second["X-Request-ID"]
    ids = [r.request_id for r in new_rows(since)]
    assert ids == [first["X-Request-ID"]] * 3 + [second["X-Request-ID"]] * 3


def test_empty_worklist_logs_nothing(client, outsider, org, coordinator):
    b.pathway(factories.patient(), org.unit_a, coordinator)
    client.force_login(outsider)
    since = head()
    assert client.get(URL).context["rows"] == []
    assert new_rows(since) == []


def test_rows_reached_by_consent_or_emergency_access_log_that_basis(
        client, org, pathway, stranger_pathway, coordinator, outsider):
    # One person with a unit role elsewhere (for emergency access) and a municipal
    # role (for the consent).
    from forlop.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=outsider, role="municipal_coordinator",
                                  municipality=org.municipality, valid_from=dt.date(2020, 1, 1))
    b.consent(pathway.patient, municipality=org.municipality, by=coordinator)
    b.grant_role(outsider, "clinician", unit=org.unit_a2)  # emergency access: own trust
    b.break_glass(outsider, stranger_pathway.patient)
    client.force_login(outsider)
    since = head()
    client.get(URL)
    assert {(r.patient_id, r.basis) for r in new_rows(since)} == {
        (pathway.patient_id, Basis.MUNICIPAL_CONSENT),
        (stranger_pathway.patient_id, Basis.BREAK_GLASS)}


def test_unit_basis_wins_over_care_team(client, pathway, clinician, coordinator):
    b.care_team(pathway, clinician, by=coordinator)
    client.force_login(clinician)
    since = head()
    client.get(URL)
    [row] = new_rows(since)
    assert (row.basis, row.role) == (Basis.UNIT, "clinician")


def test_barred_patient_is_neither_shown_nor_logged(client, pathway, stranger_pathway,
                                                     clinician, coordinator):
    b.restriction(pathway.patient, by=coordinator, user=clinician)
    client.force_login(clinician)
    since = head()
    client.get(URL)
    assert [r.patient_id for r in new_rows(since)] == [stranger_pathway.patient_id]


def test_worklist_rows_continue_the_chain(client, coordinator, ward):
    client.force_login(coordinator)
    client.get(URL)
    client.get(URL)
    rows = list(AccessLogEntry.objects.order_by("pk"))
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
