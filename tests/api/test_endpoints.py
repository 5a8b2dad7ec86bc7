"""The JSON API over the web's services: scope, refusals, kernel errors, the access log."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from forlop.access.models import AccessLogEntry, Consent, Outcome
from forlop.accounts.roles import Role
from forlop.api import tokens
from forlop.api.schemas import EventOut, PathwayOut
from forlop.pathways.models import PathwayEvent, Referral
from tests import factories
from tests.api.conftest import bearer
from tests.conftest import TODAY


@pytest.fixture(autouse=True)
def _today():
    oslo = ZoneInfo("Europe/Oslo")
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10, 42), oslo), tick=False):
        yield


def auth(user) -> dict:
    return bearer(tokens.create_token(user)[1])


def post(client, url, body, user):
    return client.post(url, json.dumps(body), content_type="application/json", **auth(user))


def newest(pathway):
    return pathway.events.order_by("-pk").first()


def log_rows(**filters):
    return list(AccessLogEntry.objects.filter(**filters).order_by("pk"))


# Reading ---------------------------------------------------------------------------------


def test_reading_a_pathway_writes_its_access_log_row(client, coordinator, pathway):
    answer = client.get(f"/api/v1/pathways/{pathway.pk}", **auth(coordinator))
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["id"] == pathway.pk and body["type"] == "tsb"
    assert body["patient"]["masked_identifier"].endswith(pathway.patient.identifier[-3:])
    assert pathway.patient.identifier not in answer.content.decode()
    assert [e["event"] for e in body["events"]][:2] == ["referral_received", "pathway_start"]
    assert "register_clinical" in body["permissions"]
    [row] = log_rows(what="api_pathway")
    assert (row.user, row.patient_id, row.outcome, row.basis, row.role, row.unit_id) == (
        coordinator, pathway.patient_id, Outcome.ALLOWED, "unit", "coordinator",
        pathway.unit_id)
    assert row.request_id == answer["X-Request-ID"]


def test_the_pathway_read_answers_what_its_schema_says(client, coordinator, pathway):
    """The read is written straight with orjson (``forlop.api.answers``), past ninja's
    response validation: it must still be exactly ``PathwayOut``, values written as
    ninja writes them."""
    answer = client.get(f"/api/v1/pathways/{pathway.pk}", **auth(coordinator))
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    body = answer.json()
    PathwayOut.model_validate(body)
    assert set(body) == set(PathwayOut.model_fields)
    assert body["events"] and all(set(e) == set(EventOut.model_fields) for e in body["events"])
    first = pathway.events.order_by("pk").first()
    assert body["events"][0]["registered_at"] == DjangoJSONEncoder().default(
        first.registered_at)
    assert body["events"][0]["registered_by"] == str(first.registered_by)
    assert body["started_on"] == pathway.started_on.isoformat()
    assert body["coordinator"] == (
        {"id": pathway.coordinator.pk, "name": str(pathway.coordinator)}
        if pathway.coordinator else None)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_the_pathway_types_label_is_in_the_readers_language(client, coordinator, pathway,
                                                           language):
    answer = client.get(f"/api/v1/pathways/{pathway.pk}", HTTP_ACCEPT_LANGUAGE=language,
                        **auth(coordinator))
    with translation.override(language):
        label = pathway.get_type_display()
    assert answer.json()["type_label"] == label != pathway.type


def test_another_trusts_user_gets_404_and_the_attempt_is_logged(client, outsider, pathway):
    answer = client.get(f"/api/v1/pathways/{pathway.pk}", **auth(outsider))
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 404
    [row] = log_rows(what="api_pathway")
    assert (row.user, row.patient_id, row.outcome, row.basis) == (
        outsider, pathway.patient_id, Outcome.REFUSED, "none")


def test_a_missing_pathway_is_the_same_404_and_logs_nothing(client, outsider, pathway):
    answer = client.get(f"/api/v1/pathways/{pathway.pk + 1000}", **auth(outsider))
    assert answer.status_code == 404 and log_rows() == []


def test_the_list_is_the_users_scope_and_logs_each_patient(client, org, coordinator,
                                                           outsider, pathway):
    theirs = factories.pathway(patient=factories.patient(), unit=org.unit_b, by=outsider,
                               today=TODAY)
    answer = client.get("/api/v1/pathways", **auth(coordinator))
    assert answer.status_code == 200
    assert [p["id"] for p in answer.json()["items"]] == [pathway.pk]
    assert [(r.patient_id, r.basis) for r in log_rows(what="api_pathway_list")] == [
        (pathway.patient_id, "unit")]
    other = client.get("/api/v1/pathways", **auth(outsider)).json()
    assert [p["id"] for p in other["items"]] == [theirs.pk]


def test_the_worklist_lists_open_pathways_and_logs_them(client, coordinator, pathway):
    answer = client.get("/api/v1/worklist", **auth(coordinator))
    assert answer.status_code == 200
    assert [r["pathway_id"] for r in answer.json()["items"]] == [pathway.pk]
    assert [r.patient_id for r in log_rows(what="worklist")] == [pathway.patient_id]


def test_who_has_no_worklist_gets_403(client, org):
    patient_user = factories.user("pasient", role=Role.PATIENT)
    assert client.get("/api/v1/worklist", **auth(patient_user)).status_code == 403


# Events ----------------------------------------------------------------------------------


def test_registering_an_event(client, coordinator, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "first_attendance", "on": TODAY.isoformat(),
                   "expected_last_event": newest(pathway).pk}, coordinator)
    assert answer.status_code == 201, answer.content
    assert newest(pathway).event == "first_attendance"
    assert answer.json()["id"] == newest(pathway).pk
    assert log_rows(what="pathway_register")[0].action == "write"


def test_a_kernel_refusal_is_422_with_codes_params_and_the_norwegian_text(
        client, coordinator, pathway):
    before = PathwayEvent.objects.count()
    tomorrow = TODAY + dt.timedelta(days=1)
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "first_attendance", "on": tomorrow.isoformat()}, coordinator)
    assert answer.status_code == 422
    body = answer.json()
    [error] = body["errors"]
    assert error["code"] == "future_date"
    assert error["params"]["date"] == tomorrow.isoformat()
    assert "4.6.2024" in error["message"]  # the page's Norwegian text, dates as shown
    assert PathwayEvent.objects.count() == before


def test_a_secretary_may_not_register_a_clinical_decision(client, org, pathway):
    secretary = factories.user("sekretaer", role=Role.SECRETARY, unit=org.unit_a)
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "clinical_decision", "on": TODAY.isoformat(), "outcome": "CP"},
                  secretary)
    assert answer.status_code == 403
    assert "registrere kliniske" in answer.json()["detail"]
    assert not pathway.events.filter(event="clinical_decision").exists()


def test_an_outsider_cannot_register_and_is_logged(client, outsider, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "first_attendance", "on": TODAY.isoformat()}, outsider)
    assert answer.status_code == 404
    assert log_rows(what="pathway_register")[0].outcome == Outcome.REFUSED


def test_a_stale_registration_is_409(client, coordinator, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events",
                  {"event": "first_attendance", "on": TODAY.isoformat(),
                   "expected_last_event": newest(pathway).pk - 1}, coordinator)
    assert answer.status_code == 409
    assert "endret av" in answer.json()["detail"]


def test_correcting_an_event_and_only_the_newest_version(client, coordinator, pathway):
    referral = pathway.events.get(event="referral_received")
    url = f"/api/v1/pathways/{pathway.pk}/events/{referral.pk}/corrections"
    body = {"on": (referral.on - dt.timedelta(days=1)).isoformat(), "reason": "Feil dato"}
    answer = post(client, url, body, coordinator)
    assert answer.status_code == 201, answer.content
    assert answer.json()["supersedes"] == referral.pk
    assert post(client, url, body, coordinator).status_code == 409
    blank = post(client, f"/api/v1/pathways/{pathway.pk}/events/{answer.json()['id']}/"
                 "corrections", {"reason": "   "}, coordinator)
    assert blank.status_code == 422


def test_invalid_input_is_a_422_problem_naming_the_field(client, coordinator, pathway):
    answer = post(client, f"/api/v1/pathways/{pathway.pk}/events", {"event": "x"},
                  coordinator)
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["on"]


# Consents and referrals --------------------------------------------------------------------


def test_consents_list_and_grant(client, org, coordinator, pathway):
    pathway.patient.municipality = org.municipality
    pathway.patient.save()
    url = f"/api/v1/pathways/{pathway.pk}/consents"
    answer = post(client, url, {"participant": "municipality", "scope": "overview",
                                "valid_from": TODAY.isoformat()}, coordinator)
    assert answer.status_code == 201, answer.content
    assert Consent.objects.get().participant_municipality == org.municipality
    listed = client.get(url, **auth(coordinator)).json()
    assert [(c["participant"], c["status"]) for c in listed] == [("municipality", "active")]


def test_a_secretary_may_not_manage_consent(client, org, pathway):
    secretary = factories.user("sekretaer", role=Role.SECRETARY, unit=org.unit_a)
    url = f"/api/v1/pathways/{pathway.pk}/consents"
    assert client.get(url, **auth(secretary)).status_code == 404


def test_registering_a_referral_and_listing_it(client, org, coordinator):
    import random

    from forlop.kernel.identifiers import generate_synthetic_fnr

    number = generate_synthetic_fnr(random.Random(4))
    answer = post(client, "/api/v1/referrals", {
        "unit_id": org.unit_a.pk, "patient": {"identifier": number, "name": "Ny Pasient"},
        "received_on": TODAY.isoformat(), "referrer_kind": "other"}, coordinator)
    assert answer.status_code == 201, answer.content
    assert answer.json()["assessment_due"] == "2024-06-17"
    listed = client.get("/api/v1/referrals", **auth(coordinator)).json()
    assert [r["id"] for r in listed["items"]] == [answer.json()["id"]]


def test_a_referral_to_another_trusts_unit_is_refused_by_the_service(client, org, outsider):
    answer = post(client, "/api/v1/referrals", {
        "unit_id": org.unit_a.pk, "patient": {"identifier": "15528012345", "name": "X"},
        "received_on": TODAY.isoformat(), "referrer_kind": "other"}, outsider)
    assert answer.status_code == 403
    assert not Referral.objects.exists()


def test_a_refused_referral_names_the_field_in_norwegian(client, org, coordinator):
    answer = post(client, "/api/v1/referrals", {
        "unit_id": org.unit_a.pk, "patient": {"identifier": "123", "name": "X"},
        "received_on": TODAY.isoformat(), "referrer_kind": "other"}, coordinator)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "identifier"
    assert not Referral.objects.exists()


def gp_referral(org, **fields) -> dict:
    import random

    from forlop.kernel.identifiers import generate_synthetic_fnr

    number = generate_synthetic_fnr(random.Random(7))
    return {"unit_id": org.unit_a.pk, "patient": {"identifier": number, "name": "Ny Pasient"},
            "received_on": TODAY.isoformat(), "referrer_kind": "gp",
            "gp_office_id": org.gp_office.pk, **fields}


def test_a_referral_names_the_referring_gp_by_hpr_number(client, org, coordinator):
    from tests.gpcare.conftest import gp_user

    gp = gp_user("frida", org.gp_office, hpr="9144889")
    answer = post(client, "/api/v1/referrals", gp_referral(org, referring_gp_hpr="9144889"),
                  coordinator)

    assert answer.status_code == 201, answer.content
    expected = {"id": gp.pk, "name": "Frida Fastlege", "hpr_number": "9144889"}
    assert (answer.json()["referring_gp"], answer.json()["referrer_name"],
            answer.json()["referrer_hpr"]) == (expected, "Frida Fastlege", "9144889")
    assert answer.json()["gp_office"] == {"id": org.gp_office.pk, "name": org.gp_office.name}
    assert Referral.objects.get().referring_gp == gp
    listed = client.get("/api/v1/referrals", **auth(coordinator)).json()
    assert [r["referring_gp"] for r in listed["items"]] == [expected]


def test_a_referral_without_a_gp_user_reads_null(client, org, coordinator):
    answer = post(client, "/api/v1/referrals", gp_referral(org, referrer_name="Lege Utenfor"),
                  coordinator)

    assert answer.status_code == 201, answer.content
    assert (answer.json()["referring_gp"], answer.json()["referrer_name"]) == (None,
                                                                             "Lege Utenfor")


def refusal(client, org, coordinator, **fields) -> dict:
    """The one problem item of a refused GP referral; nothing was registered."""
    answer = post(client, "/api/v1/referrals",
                  gp_referral(org, referring_gp_hpr="9144889", **fields), coordinator)
    assert (answer.status_code, Referral.objects.exists()) == (422, False), answer.content
    [error] = answer.json()["errors"]
    return error


UNKNOWN = "Ingen fastlege med HPR-nummer 9144889 er bruker her"
ELSEWHERE = "Fastlegen du valgte arbeider ikke ved det valgte fastlegekontoret"


def test_an_hpr_number_no_gp_here_has_is_refused(client, org, coordinator):
    error = refusal(client, org, coordinator)

    assert (error["field"], error["message"].startswith(UNKNOWN)) == ("referring_gp_hpr", True)


def test_a_clinician_with_the_hpr_number_is_no_gp_to_name(client, org, coordinator):
    clinician = factories.user("behandler2", role=Role.CLINICIAN, unit=org.unit_a)
    clinician.hpr_number = "9144889"
    clinician.save()

    error = refusal(client, org, coordinator)

    assert (error["field"], error["message"].startswith(UNKNOWN)) == ("referring_gp_hpr", True)


def test_a_gp_at_another_office_is_refused(client, org, coordinator):
    from forlop.organisations.models import GpOffice
    from tests.gpcare.conftest import gp_user

    elsewhere = GpOffice.objects.create(municipality=org.municipality, name="Nordre legekontor",
                                        org_number="100009202")
    gp_user("olav", elsewhere, hpr="9144889")

    error = refusal(client, org, coordinator)

    assert (error["field"], error["message"].startswith(ELSEWHERE)) == ("referring_gp_hpr", True)


def test_a_gp_named_for_a_referral_from_another_referrer_is_refused(client, org, coordinator):
    from tests.gpcare.conftest import gp_user

    gp_user("frida", org.gp_office, hpr="9144889")

    error = refusal(client, org, coordinator, referrer_kind="other", referrer_name="Annen")

    assert (error["field"], error["message"].startswith(ELSEWHERE)) == ("referring_gp_hpr", True)


# Errors ---------------------------------------------------------------------------------------


def test_a_server_error_is_a_json_problem_without_a_trace(client, coordinator, monkeypatch):
    from forlop.api.endpoints import worklist

    def broken(user):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(worklist.selectors, "resolve_scope", broken)
    answer = client.get("/api/v1/worklist", **auth(coordinator))
    assert answer.status_code == 500
    assert answer["Content-Type"] == "application/problem+json"
    assert "secret internals" not in answer.content.decode()
    assert "Traceback" not in answer.content.decode()


def test_the_openapi_document_declares_problems_for_errors(client):
    document = client.get("/api/v1/openapi.json").json()
    read = document["paths"]["/api/v1/pathways/{pathway_id}"]["get"]
    assert "application/problem+json" in read["responses"]["404"]["content"]
    assert "application/json" in read["responses"]["200"]["content"]


def test_problems_speak_nynorsk_when_asked(client, outsider, pathway):
    answer = client.get(f"/api/v1/pathways/{pathway.pk}", HTTP_ACCEPT_LANGUAGE="nn",
                        **auth(outsider))
    assert answer.json()["title"] == "Finst ikkje"


def test_any_other_path_under_api_is_a_json_404(client):
    answer = client.get("/api/v2/nothing")
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"
