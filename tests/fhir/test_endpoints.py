"""The FHIR REST endpoints: what each persona gets, the log rows, the errors."""

import pytest

from forlop.access.models import AccessLogEntry
from forlop.fhir import systems
from forlop.fhir.validation import parse

pytestmark = pytest.mark.django_db
FHIR_JSON = "application/fhir+json; charset=utf-8"


def get(client, url, status=200):
    response = client.get(url)
    assert (response.status_code, response["Content-Type"]) == (status, FHIR_JSON), \
        response.content[:500]
    return response.json()


def log_rows(patient):
    return list(AccessLogEntry.objects.filter(patient=patient).order_by("pk")
                .values_list("what", "basis", "outcome"))


def test_metadata_is_a_capability_statement_for_anyone(client, db):
    body = get(client, "/fhir/R4/metadata")
    parse(body)
    assert (body["fhirVersion"], sorted(r["type"] for r in body["rest"][0]["resource"])) == (
        "4.0.1", ["AuditEvent", "CarePlan", "Consent", "Encounter", "EpisodeOfCare",
                  "Organization", "Patient", "Practitioner", "QuestionnaireResponse", "Task"])


def test_every_resource_the_coordinator_reads_parses_with_the_library(staff_client, world):
    p = world.pathway
    urls = [f"/fhir/R4/Patient/{world.patient.pk}", f"/fhir/R4/EpisodeOfCare/{p.pk}",
            f"/fhir/R4/Organization/unit-{world.org.unit_a.pk}",
            f"/fhir/R4/Organization/trust-{world.org.trust_a.pk}",
            f"/fhir/R4/Practitioner/{world.coordinator.pk}",
            f"/fhir/R4/Consent/{world.consent.pk}",
            f"/fhir/R4/Encounter?patient={world.patient.pk}",
            f"/fhir/R4/Task?focus=EpisodeOfCare/{p.pk}",
            f"/fhir/R4/EpisodeOfCare?patient=Patient/{world.patient.pk}"]
    bodies = [get(staff_client, url) for url in urls]
    entries = [e["resource"] for b in bodies if b["resourceType"] == "Bundle"
               for e in b["entry"]]
    for resource in [*bodies, *entries]:
        parse(resource)
    assert sorted({r["resourceType"] for r in [*bodies, *entries]}) == [
        "Bundle", "Consent", "Encounter", "EpisodeOfCare", "Organization", "Patient",
        "Practitioner", "Task"]


def test_reading_an_episode_of_care_writes_the_access_log_first(staff_client, world):
    body = get(staff_client, f"/fhir/R4/EpisodeOfCare/{world.pathway.pk}")
    events = [e["extension"][0]["valueCoding"]["code"] for e in body["extension"]
              if e["url"] == systems.EXT_EVENT]
    assert (body["status"], body["careManager"], events, log_rows(world.patient)) == (
        "active", {"reference": f"Practitioner/{world.coordinator.pk}"},
        ["referral_received", "pathway_start", "first_attendance", "clinical_decision",
         "evaluation"],
        [("fhir:EpisodeOfCare", "unit", "allowed")])


def test_another_trust_gets_404_as_an_operation_outcome_and_the_attempt_is_logged(
        client, world):
    client.force_login(world.outsider)
    body = get(client, f"/fhir/R4/EpisodeOfCare/{world.pathway.pk}", 404)
    patient_body = get(client, f"/fhir/R4/Patient/{world.patient.pk}", 404)
    assert (body["resourceType"], body["issue"][0]["code"], patient_body["resourceType"],
            log_rows(world.patient)) == (
        "OperationOutcome", "not-found", "OperationOutcome",
        [("fhir:EpisodeOfCare", "none", "refused"), ("fhir:Patient", "none", "refused")])


def test_a_missing_resource_is_404_and_logs_nothing(staff_client, world):
    get(staff_client, "/fhir/R4/EpisodeOfCare/999999", 404)
    get(staff_client, "/fhir/R4/Nonsense/1", 404)
    assert AccessLogEntry.objects.count() == 0


def test_anonymous_gets_401_with_a_bearer_challenge(client, world):
    response = client.get(f"/fhir/R4/Patient/{world.patient.pk}")
    assert (response.status_code, response["WWW-Authenticate"],
            response.json()["resourceType"]) == (401, 'Bearer realm="forlop"',
                                                 "OperationOutcome")


def test_patient_search_by_identifier_system_and_value(staff_client, world):
    value = world.patient.identifier
    hit = get(staff_client, f"/fhir/R4/Patient?identifier={systems.FNR}|{value}")
    miss = get(staff_client, f"/fhir/R4/Patient?identifier={systems.DNR}|{value}")
    assert ([e["resource"]["id"] for e in hit["entry"]], hit["total"], miss["total"]) == (
        [str(world.patient.pk)], 1, 0)


def test_search_logs_each_patient_on_the_page(staff_client, world):
    get(staff_client, f"/fhir/R4/EpisodeOfCare?patient={world.patient.pk}")
    assert log_rows(world.patient) == [("fhir:EpisodeOfCare", "unit", "allowed")]


def test_search_pages_with_bundle_links(staff_client, world):
    from tests import factories
    for kind in ("voksne", "psykose"):
        factories.pathway(patient=world.patient, unit=world.org.unit_a, by=world.coordinator,
                          today=world.pathway.started_on, type=kind)
    first = get(staff_client, f"/fhir/R4/EpisodeOfCare?patient={world.patient.pk}&_count=2")
    relations = {link["relation"]: link["url"] for link in first["link"]}
    second = get(staff_client, relations["next"].replace("http://testserver", ""))
    ids = [e["resource"]["id"] for b in (first, second) for e in b["entry"]]
    assert (first["total"], len(ids), len(set(ids)),
            "next" in {link["relation"] for link in second["link"]}) == (3, 3, 3, False)


def test_task_search_by_status_and_due_period(staff_client, world):
    running = get(staff_client, "/fhir/R4/Task?status=in-progress")
    clocks = [e["resource"] for e in running["entry"]]
    due = clocks[0]["restriction"]["period"]["end"]
    on_day = get(staff_client, f"/fhir/R4/Task?status=in-progress&period=ge{due}&period=le{due}")
    later = get(staff_client, f"/fhir/R4/Task?status=in-progress&period=gt{due}")
    assert ({c["status"] for c in clocks}, on_day["total"] >= 1, later["total"]) == (
        {"in-progress"}, True, len([c for c in clocks
                                    if c["restriction"]["period"]["end"] > due]))


def test_an_unknown_search_parameter_is_a_400_operation_outcome(staff_client, world):
    body = get(staff_client, "/fhir/R4/Patient?name=Per", 400)
    assert ("name" in body["issue"][0]["diagnostics"], body["issue"][0]["code"]) == (
        True, "invalid")


def test_a_server_error_is_an_operation_outcome_without_a_trace(staff_client, world,
                                                                monkeypatch):
    from forlop.fhir.endpoints import episode

    def boom(request, rid):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(episode, "read", boom)
    response = staff_client.get(f"/fhir/R4/EpisodeOfCare/{world.pathway.pk}")
    assert (response.status_code, response.json()["resourceType"],
            b"secret" in response.content, b"Traceback" in response.content) == (
        500, "OperationOutcome", False, False)


def test_the_patient_reads_who_looked_at_their_record(client, world):
    client.force_login(world.coordinator)
    get(client, f"/fhir/R4/EpisodeOfCare/{world.pathway.pk}")
    client.force_login(world.patient.user)
    own = get(client, "/fhir/R4/AuditEvent")
    client.force_login(world.coordinator)
    staff = get(client, "/fhir/R4/AuditEvent")
    for entry in own["entry"]:
        parse(entry["resource"])
    assert (own["total"] >= 1, own["entry"][-1]["resource"]["agent"][0]["who"]["display"],
            staff["total"]) == (True, "Koordinator", 0)


def test_a_consent_only_reader_sees_the_pathway_without_its_events(client, world):
    from forlop.accounts.models import RoleAssignment
    from tests import factories
    muni = factories.user("kommune", role="municipal_coordinator",
                          municipality=world.org.municipality)
    assert RoleAssignment.objects.filter(user=muni).exists()
    client.force_login(muni)
    body = get(client, f"/fhir/R4/EpisodeOfCare/{world.pathway.pk}")
    encounters = get(client, f"/fhir/R4/Encounter?patient={world.patient.pk}")
    consent = get(client, f"/fhir/R4/Consent/{world.consent.pk}", 404)
    assert ([e["url"] for e in body["extension"] if e["url"] == systems.EXT_EVENT],
            encounters["entry"], consent["resourceType"]) == ([], [], "OperationOutcome")


@pytest.mark.parametrize(("method", "url", "allow"), [
    ("delete", "/fhir/R4/Patient/{patient}", "GET"),
    ("put", "/fhir/R4/Patient/{patient}", "GET"),
    ("put", "/fhir/R4/EpisodeOfCare/{pathway}", "GET"),
    ("post", "/fhir/R4/Patient", "GET"),
    ("delete", "/fhir/R4/EpisodeOfCare", "GET, POST"),
    ("get", "/fhir/R4/", "POST"),
    ("post", "/fhir/R4/metadata", "GET"),
])
def test_a_405_says_which_methods_are_allowed(staff_client, world, method, url, allow):
    # RFC 9110 section 15.5.6: "The origin server MUST generate an Allow header field in
    # a 405 response containing a list of the target resource's currently supported
    # methods." (http.html: FHIR's status codes are HTTP's.)
    body = {} if method == "get" else {"data": "{}", "content_type": "application/fhir+json"}
    response = getattr(staff_client, method)(
        url.format(patient=world.patient.pk, pathway=world.pathway.pk), **body)
    assert (response.status_code, response.get("Allow"),
            response.json()["resourceType"]) == (405, allow, "OperationOutcome")


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Ressursen finnes ikke (eller du har ikke tilgang til den)."),
    ("nn", "Ressursen finst ikkje (eller du har ikkje tilgang til han).")])
def test_outcomes_speak_the_readers_norwegian(staff_client, language, text):
    """An OperationOutcome's text is Norwegian like the rest (bokmål, or nynorsk when
    asked), for the search errors too."""
    answer = staff_client.get("/fhir/R4/Patient/999999", HTTP_ACCEPT_LANGUAGE=language)
    assert (answer.status_code, answer.json()["issue"][0]["diagnostics"]) == (404, text)
    answer = staff_client.get("/fhir/R4/Task", {"status": "done"},
                              HTTP_ACCEPT_LANGUAGE=language)
    assert answer.json()["issue"][0]["diagnostics"] == (
        "status: bruk cancelled, completed, in-progress.")
    answer = staff_client.get("/fhir/R4/Task", {"period": "2.12.2026"},
                              HTTP_ACCEPT_LANGUAGE=language)
    assert answer.json()["issue"][0]["diagnostics"].startswith(
        {"nb": "'2.12.2026' er ikke en dato", "nn": "'2.12.2026' er ikkje ein dato"}[language])


@pytest.mark.parametrize(("headers", "query", "status"), [
    ({}, {}, 200),
    ({"HTTP_ACCEPT": "application/fhir+json"}, {}, 200),
    ({"HTTP_ACCEPT": "application/fhir+json;fhirVersion=4.0"}, {}, 200),
    ({"HTTP_ACCEPT": "application/json"}, {}, 200),
    ({"HTTP_ACCEPT": "text/html,application/xml;q=0.9,*/*;q=0.8"}, {}, 200),  # a browser
    ({"HTTP_ACCEPT": "application/*"}, {}, 200),
    ({"HTTP_ACCEPT": "application/fhir+xml"}, {}, 406),
    ({"HTTP_ACCEPT": "application/fhir+xml, application/fhir+json;q=0"}, {}, 406),
    ({"HTTP_ACCEPT": "text/*"}, {}, 406),
    ({}, {"_format": "json"}, 200),
    ({}, {"_format": "application/fhir+json"}, 200),
    ({}, {"_format": "xml"}, 406),
    ({"HTTP_ACCEPT": "application/fhir+json"}, {"_format": "application/fhir+xml"}, 406),
    ({"HTTP_ACCEPT": "application/fhir+xml"}, {"_format": "json"}, 200),  # _format wins
])
def test_a_format_we_do_not_write_is_406(staff_client, world, headers, query, status):
    """http.html: JSON is what we write; asked only for XML (or another format), the
    answer says so with 406 instead of sending JSON anyway."""
    answer = staff_client.get(f"/fhir/R4/Patient/{world.pathway.patient_id}", query,
                              **headers)
    assert (answer.status_code, answer["Content-Type"]) == (
        status, "application/fhir+json; charset=utf-8")
    if status == 406:
        assert answer.json()["issue"][0]["code"] == "not-supported"
