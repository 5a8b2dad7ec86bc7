"""Whatever a CSV or NDJSON file holds, ``forlop import`` answers with its outcome:
accepted, or every rejection with its line, field and reason, and then nothing
landed. Never an exception (hypothesis: a valid file with one cell, or one NDJSON
value, replaced by anything)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forlop.fhir.importing.run import import_file
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.patients.models import Patient
from tests.fhir.importing import HEADER, pathway_rows, person
from tests.fhir.test_fuzz import JSON_VALUES, VALUES, paths, replaced

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 6, 3)
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
CELLS = st.one_of(VALUES, st.sampled_from(["", '"', '""', "a,b", "\n", "2024-02-30", "9" * 40]))


def landed():
    return (Patient.objects.count(), Pathway.objects.count(), PathwayEvent.objects.count())


def outcome_is_whole(path, coordinator):
    before = landed()
    with transaction.atomic():  # what an example lands rolls back with it
        outcome = import_file(Path(path), by=coordinator, today=TODAY, workers=1)
        for rejection in outcome.rejections:
            assert rejection.line >= 1 and rejection.field and rejection.reason, rejection
        if outcome.rejections:
            assert landed() == before  # all or nothing
        transaction.set_rollback(True)
    return outcome


def csv_cells(org):
    rows = [HEADER, *pathway_rows("P1", org.unit_a.resh_id, person()),
            *pathway_rows("P2", org.unit_a.resh_id, person(), closed=True)]
    return [row.split(",") for row in rows]


def written(path, cells) -> str:
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(cells)
    return str(path)


def ndjson_folder(tmp_path_factory, org, coordinator) -> Path:
    """A valid NDJSON export: of a valid CSV import, rolled back."""
    source, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("out")
    written(source / "f.csv", csv_cells(org))
    with transaction.atomic():
        import_file(source / "f.csv", by=coordinator, today=TODAY, workers=1)
        call_command("export", unit=org.unit_a.resh_id, out=str(out), by=coordinator.username)
        transaction.set_rollback(True)
    return next(p for p in out.rglob("EpisodeOfCare.ndjson")).parent


def test_the_files_the_fuzzing_starts_from_are_accepted(tmp_path_factory, org, coordinator):
    csv_file = written(tmp_path_factory.mktemp("csv") / "f.csv", csv_cells(org))
    assert [outcome_is_whole(path, coordinator).rejections for path in (
        csv_file, ndjson_folder(tmp_path_factory, org, coordinator))] == [[], []]


@SETTINGS
@given(data=st.data())
def test_a_csv_with_any_cell_replaced_is_accepted_or_rejected_whole(
        tmp_path_factory, org, coordinator, data):
    cells = csv_cells(org)
    row = data.draw(st.integers(0, len(cells) - 1))
    column = data.draw(st.integers(0, len(cells[row]) - 1))
    cells[row][column] = data.draw(CELLS)
    extra = data.draw(st.sampled_from([None, "drop", "add"]))
    if extra == "drop":
        cells[row] = cells[row][:-1]
    elif extra == "add":
        cells[row] = [*cells[row], data.draw(CELLS)]
    outcome_is_whole(written(tmp_path_factory.mktemp("csv") / "f.csv", cells), coordinator)


@SETTINGS
@given(data=st.data())
def test_an_ndjson_with_any_value_replaced_is_accepted_or_rejected_whole(
        tmp_path_factory, org, coordinator, data):
    folder = ndjson_folder(tmp_path_factory, org, coordinator)
    name = data.draw(st.sampled_from(["Patient.ndjson", "EpisodeOfCare.ndjson"]))
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    i = data.draw(st.integers(0, len(lines) - 1))
    resource = json.loads(lines[i])
    at = data.draw(st.sampled_from(list(paths(resource))))
    lines[i] = json.dumps(replaced(resource, at, data.draw(JSON_VALUES)))
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome_is_whole(folder, coordinator)
