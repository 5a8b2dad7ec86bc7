"""CLI building blocks: request parsing and the catalog table."""

import io

import pytest

from forlop.kernel import load_catalog
from forlop.kernel.cli_input import InputError, parse_request, read_source
from forlop.kernel.cli_table import pathway_table
from tests.kernel.kernel_helpers import D

REQUEST = {"pathway": {"type": "tsb", "setting": "outpatient"},
           "events": [{"event": "referral_received", "date": "2024-03-01"}],
           "today": "2024-03-05"}


def test_request_today_is_a_date():
    assert parse_request(REQUEST).today == D("2024-03-05")


def test_request_keeps_event_dicts_for_the_kernel():
    assert parse_request(REQUEST).events == REQUEST["events"]


def test_request_without_local_norms_has_none():
    assert parse_request(REQUEST).local_norms is None


def test_request_with_local_norms_builds_them():
    norms = [{"pathway": "voksne", "clock": "evaluation_interval", "setting": "outpatient",
              "days": 84}]
    request = parse_request({**REQUEST, "local_norms": norms})
    assert request.local_norms.lookup("voksne", "evaluation_interval", "outpatient").days == 84


def test_read_source_reads_stdin():
    assert read_source("-", io.StringIO('{"a": 1}')) == {"a": 1}


def test_read_source_reports_the_file_name(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: invalid JSON at line 1 column 2"):
        read_source(str(path), io.StringIO())


def test_read_source_refuses_binary_files(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_source(str(path), io.StringIO())


TABLE = pathway_table(load_catalog().ruleset("npf-2023"),
                      load_catalog().ruleset("npf-2023").pathways["gravide"])


def test_table_header_names_rule_set_period_and_pathway():
    assert TABLE.splitlines()[:2] == [
        "npf-2023: Nasjonale pasientforløp for psykisk helse og rus [2023-01-01..2024-12-31]",
        "gravide: Gravide og rusmidler / Gravide og rusmiddel (type code unknown, unconfirmed)",
    ]


def test_table_has_column_headings():
    assert TABLE.splitlines()[2].split() == ["clock", "setting", "severity", "days", "unit",
                                             "basis", "source"]


def test_table_has_a_row_per_clock_and_setting():
    assert len(TABLE.splitlines()) == 3 + 2 * 5


def test_table_shows_notes_with_the_source():
    assert "[The source gives 3-7 calendar days for inpatient units" in TABLE
