"""``forlop export``: NDJSON per type that the library parses, and the round trip
CSV -> database -> NDJSON -> database -> NDJSON."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from forlop.access.models import AccessLogEntry
from forlop.fhir import systems
from forlop.fhir.exporting import export_unit
from forlop.fhir.importing.run import import_file
from forlop.fhir.validation import parse
from tests.fhir.importing import pathway_rows, person, write_csv

TODAY = dt.date(2024, 6, 3)


def read(folder: Path) -> dict[str, list[dict]]:
    return {p.name.removesuffix(".ndjson"): [json.loads(line) for line in p.open()]
            for p in sorted(folder.glob("*.ndjson"))}


def portable(files: dict) -> dict:
    """The exported content without the ids each database gives its rows."""
    def dumped(items):
        return sorted(json.dumps(i, sort_keys=True) for i in items)

    return {"episodes": dumped((e["patient"]["identifier"], e["status"], e["period"],
                                [x for x in e["extension"] if x["url"] == systems.EXT_EVENT])
                               for e in files["EpisodeOfCare"]),
            "patients": dumped((p["identifier"], p["name"]) for p in files["Patient"]),
            "tasks": dumped((t["code"], t["status"], t.get("restriction"),
                             t["executionPeriod"]) for t in files["Task"]),
            "counts": {k: len(v) for k, v in files.items()}}


@pytest.fixture
def csv_file(tmp_path, org):
    return Path(write_csv(tmp_path / "history.csv",
                          pathway_rows("P1", org.unit_a.resh_id, person())
                          + pathway_rows("P2", org.unit_a.resh_id, person(), closed=True)))


def test_every_exported_line_parses_and_carries_every_event(csv_file, org, coordinator,
                                                            tmp_path):
    import_file(csv_file, by=coordinator, today=TODAY)
    call_command("export", unit=org.unit_a.resh_id, out=str(tmp_path / "out"),
                 by=coordinator.username)
    files = read(tmp_path / "out")
    for resources in files.values():
        for resource in resources:
            parse(resource)
    events = sorted(len([x for x in e["extension"] if x["url"] == systems.EXT_EVENT])
                    for e in files["EpisodeOfCare"])
    assert ({k: len(v) for k, v in files.items()}, events,
            AccessLogEntry.objects.filter(what="export").count()) == (
        {"Encounter": 4, "EpisodeOfCare": 2, "Organization": 2, "Patient": 2, "Task": 7},
        [7, 8], 2)


def test_import_then_export_round_trips(csv_file, org, coordinator, tmp_path):
    with transaction.atomic():
        import_file(csv_file, by=coordinator, today=TODAY)
        export_unit(org.unit_a, tmp_path / "first", by=coordinator)
        transaction.set_rollback(True)  # an empty database again
    # The folder: patients (with their names) from Patient.ndjson, pathways from
    # EpisodeOfCare.ndjson.
    outcome = import_file(tmp_path / "first", by=coordinator, today=TODAY)
    assert outcome.rejections == []
    export_unit(org.unit_a, tmp_path / "second", by=coordinator)
    assert portable(read(tmp_path / "second")) == portable(read(tmp_path / "first"))


def test_paging_through_the_unit_in_small_chunks_gives_the_same_files(csv_file, org,
                                                                      coordinator, tmp_path):
    import_file(csv_file, by=coordinator, today=TODAY)
    export_unit(org.unit_a, tmp_path / "big", by=coordinator)
    export_unit(org.unit_a, tmp_path / "small", by=coordinator, chunk=1)
    assert read(tmp_path / "small") == read(tmp_path / "big")


def test_since_leaves_out_pathways_unchanged_since(csv_file, org, coordinator, tmp_path):
    import_file(csv_file, by=coordinator, today=TODAY)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    exported = export_unit(org.unit_a, tmp_path / "since", by=coordinator, since=later)
    assert exported.counts["EpisodeOfCare"] == 0
