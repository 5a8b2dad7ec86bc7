"""``forlop import`` with the files a unit's data manager really has: saved from Excel
in another encoding, with stray quotes and delimiters, empty. Each is a rejection
naming its line (or a clear refusal), never a traceback, and nothing lands."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from forlop.fhir.importing.run import import_file
from forlop.pathways.models import Pathway
from tests.fhir.importing import HEADER, pathway_rows, person

TODAY = dt.date(2024, 6, 3)


@pytest.fixture
def unit(org):
    return org.unit_a


def _write(path: Path, lines: list[str], encoding="utf-8") -> Path:
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_a_latin1_csv_is_refused_at_its_first_line_that_is_not_utf8(tmp_path, unit,
                                                                     coordinator):
    rows = pathway_rows("P1", unit.resh_id, person()) + pathway_rows(
        "P2", unit.resh_id, person(), name="Åse Ærø")  # line 9: the first with æøå
    rows[4] = rows[4].replace("2024-01-30", "30.01.2024")  # line 6: still reported
    path = _write(tmp_path / "excel.csv", [HEADER, *rows], encoding="latin-1")
    outcome = import_file(path, by=coordinator, today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections], Pathway.objects.count()) == (
        [(6, "date"), (9, "tegnkoding")], 0)
    assert "UTF-8" in outcome.rejections[1].reason


def test_a_latin1_ndjson_file_is_refused_once_not_a_crash(tmp_path, coordinator):
    line = '{"resourceType": "Patient", "id": "1", "name": [{"text": "Åse Ærø"}]}'
    path = _write(tmp_path / "Patient.ndjson", [line], encoding="latin-1")
    outcome = import_file(path, by=coordinator, today=TODAY)
    assert [(r.line, r.field) for r in outcome.rejections] == [(1, "tegnkoding")]


def test_the_command_reports_a_latin1_file_and_fails(tmp_path, unit, coordinator, capsys):
    rows = pathway_rows("P1", unit.resh_id, person(), name="Åse Ærø")
    path = _write(tmp_path / "excel.csv", [HEADER, *rows], encoding="cp1252")
    with pytest.raises(CommandError, match="1 feil"):
        call_command("import", str(path), by=coordinator.username, today=TODAY)
    assert "linje 2, felt tegnkoding" in capsys.readouterr().err
