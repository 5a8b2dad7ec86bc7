"""FHIR Bulk Data $export: kick-off, status, files; only for the client that asked."""

import json

import pytest

from forlop.access.models import AccessLogEntry
from forlop.fhir.validation import parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inline(settings, tmp_path):
    settings.FHIR_EXPORT_INLINE = True
    settings.FHIR_EXPORT_DIR = str(tmp_path / "exports")


def kick_off(client, query=""):
    return client.get(f"/fhir/R4/$export{query}", HTTP_PREFER="respond-async")


def test_kick_off_status_and_files(staff_client, world):
    started = kick_off(staff_client)
    status_url = started["Content-Location"].replace("http://testserver", "")
    status = staff_client.get(status_url)
    manifest = status.json()
    files = {o["type"]: o["url"].replace("http://testserver", "") for o in manifest["output"]}
    lines = b"".join(staff_client.get(files["EpisodeOfCare"]).streaming_content).splitlines()
    for line in lines:
        parse(json.loads(line))
    assert (started.status_code, status.status_code, sorted(files), len(lines),
            AccessLogEntry.objects.filter(what="export", patient=world.patient).count()) == (
        202, 200, ["Encounter", "EpisodeOfCare", "Organization", "Patient", "Practitioner",
                   "Task"], 1, 1)
    # A file is NDJSON: asked for so (the Bulk Data spec's Accept) it comes; asked for
    # FHIR JSON alone, it is 406.
    asked = [staff_client.get(files["Patient"], HTTP_ACCEPT=accept).status_code
             for accept in ("application/fhir+ndjson", "*/*", "application/fhir+json")]
    assert asked == [200, 200, 406]


def test_kick_off_needs_respond_async(staff_client, world):
    response = staff_client.get("/fhir/R4/$export")
    assert (response.status_code, response.json()["resourceType"]) == (400, "OperationOutcome")


def test_another_client_gets_404_for_the_status_and_the_files(client, staff_client, world):
    status_url = kick_off(staff_client)["Content-Location"].replace("http://testserver", "")
    manifest = staff_client.get(status_url).json()
    file_url = manifest["output"][0]["url"].replace("http://testserver", "")
    client.force_login(world.outsider)
    assert (client.get(status_url).status_code, client.get(file_url).status_code) == (404, 404)


def test_an_outsider_exports_only_its_own_units(client, world):
    client.force_login(world.outsider)
    status_url = kick_off(client)["Content-Location"].replace("http://testserver", "")
    manifest = client.get(status_url).json()
    assert [o for o in manifest["output"] if o["type"] == "Patient"] == []


def test_a_file_not_in_the_manifest_is_404(staff_client, world):
    status_url = kick_off(staff_client)["Content-Location"].replace("http://testserver", "")
    job = status_url.rsplit("/", 1)[1]
    response = staff_client.get(f"/fhir/R4/$export-file/{job}/../../etc/passwd")
    assert response.status_code == 404


def test_type_names_the_types_exported_and_an_unknown_type_is_400(staff_client, world):
    status_url = kick_off(staff_client, "?_type=Patient,Task")["Content-Location"].replace(
        "http://testserver", "")
    manifest = staff_client.get(status_url).json()
    unknown = kick_off(staff_client, "?_type=Patient,Consent")
    assert (sorted(o["type"] for o in manifest["output"]), unknown.status_code,
            unknown.json()["resourceType"]) == (["Patient", "Task"], 400, "OperationOutcome")
