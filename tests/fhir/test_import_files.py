"""``forlop import`` with the files a unit's data manager really has: saved from Excel
in another encoding, with stray quotes and delimiters, empty. Each is a rejection
naming its line (or a clear refusal), never a traceback, and nothing lands."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

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


def test_a_stray_quote_that_swallows_over_128_kib_is_a_rejection_not_a_crash(
        tmp_path, unit, coordinator):
    rows = pathway_rows("P1", unit.resh_id, person())
    for n in range(3000):  # ~150 kB of further pathways for the quote to swallow
        rows += pathway_rows(f"Q{n}", unit.resh_id, person())
    rows[1] = rows[1].replace(",,,,,,referral_assessed", ',"Per,,,,,referral_assessed')
    outcome = import_file(_write(tmp_path / "quote.csv", [HEADER, *rows]), by=coordinator,
                          today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections if r.field == "csv"],
            Pathway.objects.count()) == ([(3, "csv")], 0)
    assert "anførselstegn" in next(r.reason for r in outcome.rejections if r.field == "csv")


def test_a_row_that_runs_over_several_lines_is_refused_at_the_line_it_began(
        tmp_path, unit, coordinator):
    rows = pathway_rows("P1", unit.resh_id, person()) + pathway_rows("P2", unit.resh_id,
                                                                     person())
    rows[1] = rows[1].replace(",,,,,,referral_assessed", ',"Per,,,,,referral_assessed')
    outcome = import_file(_write(tmp_path / "quote.csv", [HEADER, *rows]), by=coordinator,
                          today=TODAY)
    csv_errors = [r for r in outcome.rejections if r.field == "csv"]
    assert ([r.line for r in csv_errors], Pathway.objects.count()) == ([3], 0)
    assert "linje 3–15" in csv_errors[0].reason


@pytest.mark.parametrize(("line", "added", "found"), [
    (8, ",Kvinnheradveien 4, Bergen", 14),  # two values without a column
    (2, "", 13),  # a comma in the name: the row's last (empty) value is one too many
])
def test_a_row_with_more_values_than_the_header_is_refused(tmp_path, unit, coordinator,
                                                           line, added, found):
    rows = pathway_rows("P1", unit.resh_id, person(), name="Nordmann, Ola")
    if added:
        rows = pathway_rows("P1", unit.resh_id, person())
        rows[line - 2] += added
    outcome = import_file(_write(tmp_path / "extra.csv", [HEADER, *rows]), by=coordinator,
                          today=TODAY)
    csv_errors = [r for r in outcome.rejections if r.field == "csv"]
    assert ([r.line for r in csv_errors], Pathway.objects.count()) == ([line], 0)
    assert f"{found} verdier" in csv_errors[0].reason


def test_rows_of_only_delimiters_are_not_errors(tmp_path, unit, coordinator):
    """What Excel writes after the data: rows of empty cells."""
    lines = [HEADER, *pathway_rows("P1", unit.resh_id, person()), ";" * 11, ";;;", ""]
    outcome = import_file(_write(tmp_path / "excel.csv",
                                 [line.replace(",", ";") for line in lines]),
                          by=coordinator, today=TODAY)
    assert (outcome.rejections, outcome.written.pathways) == ([], 1)


@pytest.mark.parametrize(("name", "text", "reason"), [
    ("empty.csv", "", "linje 1, felt csv: Filen er tom"),
    ("blank.csv", "\n" + HEADER + "\n", "linje 1, felt csv: Første linje er tom"),
    ("header.csv", HEADER + "\n", "ingen forløp"),
    ("header.csv", "\ufeff" + HEADER.replace(",", ";") + "\r\n;;;;\r\n", "ingen forløp"),
    ("empty.ndjson", "\n", "ingen forløp"),
    ("bundle.json", '{"resourceType": "Bundle", "entry": []}\n', "ingen forløp"),
])
def test_a_file_without_pathways_fails_and_says_so(tmp_path, coordinator, capsys, name,
                                                   text, reason):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), by=coordinator.username, today=TODAY)
    assert reason in f"{capsys.readouterr().err}{refused.value}"


def test_the_command_says_which_resource_types_it_did_not_import(tmp_path, unit,
                                                                coordinator, capsys):
    source = _write(tmp_path / "one.csv", [HEADER, *pathway_rows("P1", unit.resh_id,
                                                                 person())])
    out = tmp_path / "export"
    with transaction.atomic():  # a valid export, of an import rolled back
        import_file(source, by=coordinator, today=TODAY)
        call_command("export", unit=unit.resh_id, out=str(out), by=coordinator.username)
        transaction.set_rollback(True)
    folder = next(out.rglob("EpisodeOfCare.ndjson")).parent
    one = tmp_path / "one.ndjson"
    one.write_text((folder / "Patient.ndjson").read_text()
                   + (folder / "EpisodeOfCare.ndjson").read_text()
                   + '{"resourceType": "Observation", "id": "1"}\n')
    capsys.readouterr()
    call_command("import", str(one), by=coordinator.username, today=TODAY)
    assert capsys.readouterr().out.splitlines() == [
        "Importert: 1 forløp med 7 hendelser (1 nye pasienter).",
        "Ikke importert (bare Patient og EpisodeOfCare importeres): Observation 1."]


def test_a_pathways_rows_in_another_order_take_its_columns_from_the_row_that_has_them(
        tmp_path, unit, coordinator):
    """Newest first, as many systems list them: the pathway's own columns are on the
    referral row, now the last; the rows are ordered by date anyway."""
    rows = pathway_rows("P1", unit.resh_id, person())[::-1]
    outcome = import_file(_write(tmp_path / "newest-first.csv", [HEADER, *rows]),
                          by=coordinator, today=TODAY)
    assert (outcome.rejections, outcome.written.pathways, outcome.written.events) == (
        [], 1, 7)


def test_a_pathway_with_no_row_naming_its_patient_says_the_number_is_missing(
        tmp_path, unit, coordinator):
    rows = pathway_rows("P1", unit.resh_id, person())
    rows[0] = rows[0].replace(rows[0].split(",")[2], "")
    outcome = import_file(_write(tmp_path / "no-patient.csv", [HEADER, *rows]),
                          by=coordinator, today=TODAY)
    assert [(r.line, r.field, r.reason) for r in outcome.rejections] == [
        (2, "patient_identifier",
         "Mangler pasientens fødselsnummer, D-nummer eller FH-nummer.")]


def test_a_pathway_twice_in_the_file_is_not_said_to_be_in_forlop_already(tmp_path, unit,
                                                                         coordinator):
    """The same pathway pasted twice under two references, into an empty database."""
    patient = person()
    rows = (pathway_rows("P1", unit.resh_id, patient, closed=True)
            + pathway_rows("P1-kopi", unit.resh_id, patient, closed=True))
    outcome = import_file(_write(tmp_path / "twice.csv", [HEADER, *rows]), by=coordinator,
                          today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections], Pathway.objects.count()) == (
        [(10, "pathway_ref")], 0)
    assert "tidligere i filen" in outcome.rejections[0].reason


def test_a_row_repeated_word_for_word_in_a_pathway_is_refused(tmp_path, unit, coordinator):
    rows = pathway_rows("P1", unit.resh_id, person())
    rows.insert(4, rows[3])  # line 6 repeats line 5, the first attendance
    outcome = import_file(_write(tmp_path / "pasted.csv", [HEADER, *rows]), by=coordinator,
                          today=TODAY)
    assert ([(r.line, r.field) for r in outcome.rejections], Pathway.objects.count()) == (
        [(6, "event")], 0)
    assert "linje 5" in outcome.rejections[0].reason
