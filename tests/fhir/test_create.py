"""Create through the services, and Bundle transactions (all or nothing)."""

import datetime as dt
import json

import pytest

from forlop.access.models import AccessLogEntry
from forlop.fhir import systems
from forlop.fhir.validation import parse
from forlop.pathways.models import Pathway, PathwayEvent
from tests import factories

pytestmark = pytest.mark.django_db


def post(client, url, body, status):
    response = client.post(url, json.dumps(body), content_type="application/fhir+json")
    assert response.status_code == status, response.content[:600]
    return response


def episode(patient, unit, *, started="2024-05-01", kind="voksne"):
    return {"resourceType": "EpisodeOfCare", "status": "active",
            "type": [{"coding": [{"system": systems.PATHWAY_TYPE, "code": kind}]}],
            "extension": [{"url": systems.EXT_SETTING, "valueCode": "outpatient"}],
            "patient": {"identifier": {"system": systems.FNR, "value": patient.identifier}},
            "managingOrganization": {"identifier": {"system": systems.RESH,
                                                    "value": unit.resh_id}},
            "period": {"start": started}}


def attendance(episode_ref, on="2024-05-10", kind="first_attendance"):
    return {"resourceType": "Encounter", "status": "finished",
            "class": {"system": systems.ACT_CODE, "code": "AMB"},
            "type": [{"coding": [{"system": systems.PATHWAY_EVENT, "code": kind}]}],
            "episodeOfCare": [{"reference": episode_ref}],
            "period": {"start": on, "end": on}}


def test_creating_an_episode_of_care_starts_a_pathway(staff_client, world):
    other = factories.patient()
    response = post(staff_client, "/fhir/R4/EpisodeOfCare",
                    episode(other, world.org.unit_a), 201)
    body = response.json()
    parse(body)
    made = Pathway.objects.get(pk=body["id"])
    assert ((made.patient, made.type, made.started_on), response["Location"].endswith(
        f"/fhir/R4/EpisodeOfCare/{made.pk}"),
        AccessLogEntry.objects.filter(patient=other, what="fhir:EpisodeOfCare",
                                      action="write").count()) == (
        (other, "voksne", dt.date(2024, 5, 1)), True, 1)


def test_an_encounter_registers_the_event_and_the_kernel_refuses_one_before_the_start(
        staff_client, world):
    made = post(staff_client, "/fhir/R4/EpisodeOfCare",
                episode(factories.patient(), world.org.unit_a), 201).json()
    post(staff_client, "/fhir/R4/Encounter", attendance(f"EpisodeOfCare/{made['id']}"), 201)
    refused = post(staff_client, "/fhir/R4/Encounter",
                   attendance(f"EpisodeOfCare/{made['id']}", on="2024-04-12",
                              kind="evaluation"), 422).json()
    assert (PathwayEvent.objects.filter(pathway_id=made["id"],
                                        event="first_attendance").count(),
            refused["resourceType"]) == (1, "OperationOutcome")


def test_someone_of_another_trust_cannot_register_on_the_pathway(client, world):
    client.force_login(world.outsider)
    body = post(client, "/fhir/R4/Encounter",
                attendance(f"EpisodeOfCare/{world.pathway.pk}", kind="evaluation"), 404).json()
    assert (body["issue"][0]["code"],
            PathwayEvent.objects.filter(pathway=world.pathway, event="evaluation").count()) == (
        "not-found", 1)


def test_a_transaction_bundle_lands_everything_with_local_references(staff_client, world):
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:6b0c2c1e-0000-4000-8000-000000000001",
         "resource": episode(factories.patient(), world.org.unit_a),
         "request": {"method": "POST", "url": "EpisodeOfCare"}},
        {"resource": attendance("urn:uuid:6b0c2c1e-0000-4000-8000-000000000001"),
         "request": {"method": "POST", "url": "Encounter"}}]}
    body = post(staff_client, "/fhir/R4/", bundle, 200).json()
    parse(body)
    assert [e["response"]["status"] for e in body["entry"]] == ["201 Created", "201 Created"]


def test_a_transaction_with_one_refused_entry_lands_nothing(staff_client, world):
    before = (Pathway.objects.count(), PathwayEvent.objects.count())
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"fullUrl": "urn:uuid:6b0c2c1e-0000-4000-8000-000000000002",
         "resource": episode(factories.patient(), world.org.unit_a),
         "request": {"method": "POST", "url": "EpisodeOfCare"}},
        {"resource": attendance("urn:uuid:6b0c2c1e-0000-4000-8000-000000000002",
                                on="2024-04-01"),  # before the start: the kernel refuses
         "request": {"method": "POST", "url": "Encounter"}}]}
    body = post(staff_client, "/fhir/R4/", bundle, 422).json()
    assert (body["issue"][0]["expression"], (Pathway.objects.count(),
                                             PathwayEvent.objects.count())) == (
        ["Bundle.entry[1]"], before)


def test_a_resource_that_is_not_fhir_is_a_400(staff_client, world):
    body = post(staff_client, "/fhir/R4/EpisodeOfCare",
                {"resourceType": "EpisodeOfCare", "nonsense": 1}, 400).json()
    assert body["resourceType"] == "OperationOutcome"


def test_a_browser_session_write_without_its_csrf_token_is_refused(world):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.coordinator)
    before = Pathway.objects.count()
    response = browser.post("/fhir/R4/EpisodeOfCare",
                            json.dumps(episode(factories.patient(), world.org.unit_a)),
                            content_type="application/fhir+json")
    assert (response.status_code, response.json()["issue"][0]["code"],
            Pathway.objects.count()) == (403, "security", before)


def test_a_bearer_request_is_not_held_to_csrf(world):
    # A real local token: the bearer middleware authenticates it and lets it past the
    # CSRF check (no other site can send the header).
    from django.test import Client

    from forlop.api.tokens import create_token

    _, token = create_token(world.coordinator)
    system = Client(enforce_csrf_checks=True)
    response = system.post("/fhir/R4/EpisodeOfCare",
                           json.dumps(episode(factories.patient(), world.org.unit_a)),
                           content_type="application/fhir+json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201


def test_a_transaction_does_not_depend_on_the_order_of_its_entries(staff_client, world):
    # http.html#trules: a transaction is atomic and "the order of the entries doesn't
    # matter"; an Encounter listed before the EpisodeOfCare it points at was refused.
    # The answer's entries stay in the request's order.
    local = "urn:uuid:6b0c2c1e-0000-4000-8000-000000000003"
    bundle = {"resourceType": "Bundle", "type": "transaction", "entry": [
        {"resource": attendance(local), "request": {"method": "POST", "url": "Encounter"}},
        {"fullUrl": local, "resource": episode(factories.patient(), world.org.unit_a),
         "request": {"method": "POST", "url": "EpisodeOfCare"}}]}
    body = post(staff_client, "/fhir/R4/", bundle, 200).json()
    parse(body)
    made = [e["resource"] for e in body["entry"]]
    assert ([r["resourceType"] for r in made], made[0]["episodeOfCare"],
            [e["response"]["location"].split("/")[0] for e in body["entry"]]) == (
        ["Encounter", "EpisodeOfCare"], [{"reference": f"EpisodeOfCare/{made[1]['id']}"}],
        ["Encounter", "EpisodeOfCare"])
