"""The API's pathway actions (assessment, move, transfer, agreed closure), the plan
and the indicators: thin adapters over the services the pages use."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from forlop.access.models import Outcome
from forlop.accounts.models import RoleAssignment
from forlop.pathways.models import Pathway, Referral
from forlop.plans import services as plans
from tests import factories
from tests.api.test_endpoints import _today, auth, log_rows, post  # noqa: F401
from tests.conftest import TODAY
from tests.plans.conftest import GOALS, content

pytestmark = pytest.mark.django_db


def test_assessing_a_referral_starts_the_pathway(client, org, coordinator):
    from forlop.kernel.identifiers import generate_synthetic_fnr

    made = post(client, "/api/v1/referrals", {
        "unit_id": org.unit_a.pk,
        "patient": {"identifier": generate_synthetic_fnr(random.Random(7)), "name": "Ny"},
        "received_on": (TODAY - dt.timedelta(days=3)).isoformat(), "referrer_kind": "other"},
        coordinator).json()
    answer = post(client, f"/api/v1/referrals/{made['id']}/assessment", {
        "assessed_on": TODAY.isoformat(), "right_granted": True, "type": "voksne",
        "setting": "outpatient"}, coordinator)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    pathway = Pathway.objects.get(pk=body["pathway_id"])
    assert (body["right_granted"], pathway.type, Referral.objects.get(pk=made["id"]).assessed_on
            ) == (True, "voksne", TODAY)
    again = post(client, f"/api/v1/referrals/{made['id']}/assessment", {
        "assessed_on": TODAY.isoformat(), "right_granted": False}, coordinator)
    assert again.status_code == 404  # no longer waiting


def test_moving_within_the_trust_needs_a_role_in_the_receiving_unit(client, org, coordinator,
                                                                     pathway):
    body = {"to_unit_id": org.unit_a2.pk, "on": TODAY.isoformat(), "reason": "Bosted"}
    refused = post(client, f"/api/v1/pathways/{pathway.pk}/move", body, coordinator)
    assert (refused.status_code, Pathway.objects.get(pk=pathway.pk).unit_id) == (
        403, org.unit_a.pk)
    RoleAssignment.objects.create(user=coordinator, role="coordinator", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/move", body, coordinator)
    assert answer.status_code == 201, answer.content
    assert (answer.json()["unit"]["id"], Pathway.objects.get(pk=pathway.pk).unit_id) == (
        org.unit_a2.pk, org.unit_a2.pk)
    same = post(client, f"/api/v1/pathways/{pathway.pk}/move", body, coordinator)
    assert same.status_code == 422
    assert same.json()["errors"][0]["field"] == "to_unit_id"


def test_a_transfer_within_the_trust_is_refused_and_to_another_trust_starts_there(
        client, org, coordinator, pathway):
    inside = post(client, f"/api/v1/pathways/{pathway.pk}/transfer",
                  {"to_unit_id": org.unit_a2.pk, "received_on": TODAY.isoformat()}, coordinator)
    assert (inside.status_code, inside.json()["errors"][0]["field"]) == (422, "to_unit_id")
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/transfer",
                  {"to_unit_id": org.unit_b.pk, "received_on": TODAY.isoformat()}, coordinator)
    assert answer.status_code == 201, answer.content
    received = Pathway.objects.get(pk=answer.json()["id"])
    pathway.refresh_from_db()
    assert (received.unit_id, received.is_open, pathway.is_open) == (org.unit_b.pk, True,
                                                                      False)


def test_an_agreed_closure_names_every_missing_checklist_item(client, coordinator, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/closure", {
        "on": TODAY.isoformat(), "checklist": {"patient_agrees": True}}, coordinator)
    assert answer.status_code == 422, answer.content
    assert "kan ikke avsluttes" in answer.json()["detail"]
    pathway.refresh_from_db()
    assert pathway.is_open


def test_someone_outside_cannot_close_and_is_logged(client, outsider, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/closure", {
        "on": TODAY.isoformat(), "checklist": {}}, outsider)
    assert answer.status_code == 404
    assert [r.outcome for r in log_rows(what="closure")] == [Outcome.REFUSED]


def test_the_plan_is_read_through_the_guard(client, coordinator, outsider, pathway):
    assert client.get(f"/api/v1/pathways/{pathway.pk}/plan",
                      **auth(coordinator)).status_code == 404  # no plan yet
    plans.save_version(pathway=pathway, by=coordinator, content=content())
    answer = client.get(f"/api/v1/pathways/{pathway.pk}/plan", **auth(coordinator))
    assert answer.status_code == 200, answer.content
    assert (answer.json()["goals"], answer.json()["version"]) == (GOALS, 1)
    assert client.get(f"/api/v1/pathways/{pathway.pk}/plan",
                      **auth(outsider)).status_code == 404
    assert [r.outcome for r in log_rows(what="api_treatment_plan")] == [
        Outcome.ALLOWED, Outcome.ALLOWED, Outcome.REFUSED]


def test_indicators_for_a_leader_and_not_for_a_secretary(client, org):
    leader = factories.user("leder", role="leader", unit=org.unit_a)
    answer = client.get("/api/v1/indicators?period=2024-T1", **auth(leader))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["period"] == "2024-T1" and len(body["indicators"]) == 5
    own = [r for r in body["indicators"][0]["rows"] if r["own"]]
    assert [r["group"] for r in own] == [f"unit:{org.unit_a.pk}"]
    assert client.get("/api/v1/indicators?period=2024-T9",
                      **auth(leader)).status_code == 422
    secretary = factories.user("sekretaer", role="secretary", unit=org.unit_a)
    assert client.get("/api/v1/indicators", **auth(secretary)).status_code == 403
