"""CarePlan (the treatment plan) and QuestionnaireResponse (the self-report): who
reads what, the log rows, and PUT answered with the reason it is not offered."""

import pytest

from forlop.access.models import AccessLogEntry, ConsentScope, Outcome
from forlop.fhir import systems
from forlop.fhir.validation import parse
from forlop.plans import services as plans
from tests.fhir.test_endpoints import FHIR_JSON, get
from tests.plans.conftest import GOALS, content

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world):
    version = plans.save_version(pathway=world.pathway, by=world.coordinator,
                                 content=content())
    report = plans.answer_self_report(pathway=world.pathway, by=world.patient.user,
                                      how_it_goes="Bedre enn sist.",
                                      wants_to_discuss="Søvnen.")
    return version, report


def logged(patient, what):
    return list(AccessLogEntry.objects.filter(patient=patient, what=what)
                .values_list("basis", "outcome"))


def test_the_coordinator_reads_the_plan_whole_and_the_read_is_logged(staff_client, world,
                                                                      planned):
    body = get(staff_client, f"/fhir/R4/CarePlan/{world.pathway.pk}")
    parse(body)
    assert (body["meta"]["versionId"], body["status"], body["description"],
            body["extension"][0]["valueCoding"]["code"],
            [a["detail"].get("scheduledPeriod") for a in body["activity"]],
            body["supportingInfo"]) == (
        "1", "active", GOALS, "wants",
        [{"end": "2026-12-31"}, {"start": "2027-01-15"}],
        [{"reference": f"EpisodeOfCare/{world.pathway.pk}"}])
    assert logged(world.patient, "fhir:CarePlan") == [("unit", Outcome.ALLOWED)]


def test_a_consent_reader_sees_only_what_the_scope_shares(client, world, planned, municipal):
    client.force_login(municipal)
    # The world's municipal consent shares the overview only: no plan at all.
    get(client, f"/fhir/R4/CarePlan/{world.pathway.pk}", status=404)
    world.consent.scope = ConsentScope.PLANS
    world.consent.save(update_fields=["scope"])
    body = get(client, f"/fhir/R4/CarePlan/{world.pathway.pk}")
    parse(body)
    notes = [n["text"].split(":")[0] for n in body.get("note", [])]
    # Measures, dates, crisis plan, group: yes; the patient's own goals: no.
    assert ("description" in body, notes, len(body["activity"])) == (
        False, ["crisis_plan", "responsibility_group"], 2)


def test_the_outsider_gets_404_for_the_plan_and_the_attempt_is_logged(client, world, planned):
    client.force_login(world.outsider)
    get(client, f"/fhir/R4/CarePlan/{world.pathway.pk}", status=404)
    assert logged(world.patient, "fhir:CarePlan") == [("none", Outcome.REFUSED)]


def test_self_reports_are_for_the_service_and_the_patient_not_for_consent_readers(
        client, world, planned, municipal):
    _version, report = planned
    url = f"/fhir/R4/QuestionnaireResponse/{report.pk}"
    client.force_login(world.coordinator)
    body = get(client, url)
    parse(body)
    assert ([i["answer"][0]["valueString"] for i in body["item"]], body["questionnaire"],
            body["subject"]) == (["Bedre enn sist.", "Søvnen."], systems.SELF_REPORT,
                                 {"reference": f"Patient/{world.patient.pk}"})
    found = get(client, f"/fhir/R4/QuestionnaireResponse?patient=Patient/{world.patient.pk}")
    assert [e["resource"]["id"] for e in found["entry"]] == [str(report.pk)]
    client.force_login(world.patient.user)
    assert get(client, url)["id"] == str(report.pk)
    world.consent.scope = ConsentScope.COLLABORATION  # the widest scope: still not this
    world.consent.save(update_fields=["scope"])
    client.force_login(municipal)
    get(client, url, status=404)
    found = get(client, f"/fhir/R4/QuestionnaireResponse?patient=Patient/{world.patient.pk}")
    assert (found.get("entry", []), found["total"]) == ([], 0)
    # The refused read is the last row: the search gave nothing of the patient's.
    assert logged(world.patient, "fhir:QuestionnaireResponse")[-1][1] == Outcome.REFUSED


def test_plans_are_found_by_patient(staff_client, world, planned):
    body = get(staff_client, f"/fhir/R4/CarePlan?patient={world.patient.pk}")
    parse(body)
    assert [e["resource"]["id"] for e in body["entry"]] == [str(world.pathway.pk)]


@pytest.mark.parametrize("path", ["EpisodeOfCare/{pathway}", "Task/{pathway}.x",
                                  "CarePlan/{pathway}"])
def test_put_is_answered_with_why_it_is_not_offered(staff_client, world, path):
    url = "/fhir/R4/" + path.format(pathway=world.pathway.pk)
    response = staff_client.put(url, data={"resourceType": "EpisodeOfCare"},
                                content_type="application/fhir+json")
    body = response.json()
    parse(body)
    assert (response.status_code, response["Content-Type"], body["issue"][0]["code"]) == (
        405, FHIR_JSON, "not-supported")
    assert "hendelse" in body["issue"][0]["diagnostics"] or "versjon" in \
        body["issue"][0]["diagnostics"]
