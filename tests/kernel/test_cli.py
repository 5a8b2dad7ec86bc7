"""forlop evaluate / forlop catalog: output and exit codes 0, 1 and 2."""

import io
import json

import pytest

from forlop.kernel.catalog_loader import DEFAULT_DIRECTORY
from forlop.kernel.cli import catalog_main, evaluate_main

EXAMPLE = {
    "pathway": {"type": "tsb", "setting": "outpatient", "severity": None},
    "events": [
        {"event": "referral_received", "date": "2024-03-01"},
        {"event": "pathway_start", "date": "2024-03-01"},
        {"event": "first_attendance", "date": "2024-03-11"},
        {"event": "clinical_decision", "date": "2024-03-27", "outcome": "CP"},
    ],
    "today": "2024-04-02",
}


def evaluate_cli(argv, stdin_text=""):
    out, err = io.StringIO(), io.StringIO()
    code = evaluate_main(argv, io.StringIO(stdin_text), out, err)
    return code, out.getvalue(), err.getvalue()


def evaluate_json(data):
    return evaluate_cli(["-"], json.dumps(data))


def catalog_cli(argv):
    out, err = io.StringIO(), io.StringIO()
    code = catalog_main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


def with_event(index, **changes):
    events = [dict(e) for e in EXAMPLE["events"]]
    events[index].update(changes)
    return {**EXAMPLE, "events": events}


def test_example_file_exits_0(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    assert evaluate_cli([str(path)])[0] == 0


def test_example_prints_the_clocks():
    clocks = json.loads(evaluate_json(EXAMPLE)[1])["clocks"]
    assert [(c["clock"], c["due"], c["status"]) for c in clocks] == [
        ("referral_to_assessment", "2024-03-15", "met"),
        ("first_attendance_to_clinical_decision", "2024-04-01", "met"),
        ("clinical_decision_to_first_evaluation", "2024-04-03", "open"),
    ]


def test_output_is_indented_and_keeps_non_ascii_text():
    output = evaluate_json(EXAMPLE)[1]
    assert (output.startswith('{\n  "state"'), "§" in output) == (True, True)


def test_validation_errors_exit_1():
    code, out, _err = evaluate_json(with_event(3, outcome="CX"))
    assert (code, json.loads(out)["errors"][0]["code"]) == (1, "unknown_outcome")


def test_unknown_pathway_type_is_a_validation_error():
    data = {**EXAMPLE, "pathway": {"type": "kreft", "setting": "outpatient"}}
    code, _out, _err = evaluate_json(data)
    assert code == 1


def test_local_norms_are_applied():
    data = {**EXAMPLE, "pathway": {"type": "voksne", "setting": "outpatient"},
            "local_norms": [{"pathway": "voksne", "clock": "first_attendance_to_clinical_decision",
                             "setting": "outpatient", "days": 42}]}
    clocks = json.loads(evaluate_json(data)[1])["clocks"]
    assert clocks[1]["basis"] == "local_norm"


UNREADABLE = {
    "bad event date": (with_event(3, date="2024-13-01"),
                       "events[3].date: '2024-13-01' is not a date (YYYY-MM-DD)"),
    "missing event date": (with_event(1, date=None), "events[1].date: missing"),
    "date as a number": (with_event(0, date=20240301),
                         "events[0].date: 20240301 is not a date (YYYY-MM-DD)"),
    "bad postponed date": (with_event(2, postponed_to="soon"),
                           "events[2].postponed_to: 'soon' is not a date (YYYY-MM-DD)"),
    "missing event key": (with_event(2, event=None), "events[2].event: missing"),
    "event not an object": ({**EXAMPLE, "events": ["first_attendance"]},
                            "events[0]: expected an object"),
    "events not a list": ({**EXAMPLE, "events": {}}, "events: expected a list"),
    "missing events": ({k: v for k, v in EXAMPLE.items() if k != "events"}, "events: missing"),
    "missing today": ({k: v for k, v in EXAMPLE.items() if k != "today"}, "today: missing"),
    "bad today": ({**EXAMPLE, "today": "tomorrow"},
                  "today: 'tomorrow' is not a date (YYYY-MM-DD)"),
    "missing pathway": ({k: v for k, v in EXAMPLE.items() if k != "pathway"}, "pathway: missing"),
    "missing pathway type": ({**EXAMPLE, "pathway": {"setting": "outpatient"}},
                             "pathway.type: missing"),
    "not an object": ([], "input: expected a JSON object"),
    "local norms not a list": ({**EXAMPLE, "local_norms": {}}, "local_norms: expected a list"),
    "local norm without days": (
        {**EXAMPLE, "local_norms": [{"pathway": "voksne", "clock": "evaluation_interval",
                                     "setting": "outpatient"}]},
        "local_norms[0].days: missing"),
    "local norm with a bad clock": (
        {**EXAMPLE, "local_norms": [{"pathway": "voksne", "clock": "x", "setting": "outpatient",
                                     "days": 3}]},
        "local_norms[0]: unknown clock 'x'"),
}


@pytest.mark.parametrize(("data", "message"), UNREADABLE.values(), ids=UNREADABLE.keys())
def test_unreadable_input_exits_2_naming_the_place(data, message):
    code, out, err = evaluate_json(data)
    assert (code, out, message in err) == (2, "", True)


def test_invalid_json_exits_2_with_line_and_column():
    code, _out, err = evaluate_cli(["-"], '{"pathway": ')
    assert (code, "stdin: invalid JSON at line 1 column 13" in err) == (2, True)


def test_missing_file_exits_2(tmp_path):
    code, _out, err = evaluate_cli([str(tmp_path / "none.json")])
    assert (code, "none.json: cannot read file" in err) == (2, True)


def test_no_arguments_exits_2_with_usage():
    code, _out, err = evaluate_cli([])
    assert (code, err.startswith("usage: forlop evaluate")) == (2, True)


def test_help_exits_0_on_stdout():
    code, out, _err = evaluate_cli(["--help"])
    assert (code, "usage: forlop evaluate" in out) == (0, True)


# forlop catalog

def test_catalog_check_ok():
    assert catalog_cli(["check"])[:2] == (0, "ok: 3 rule sets, 7 pathways\n")


def test_catalog_check_of_a_directory():
    assert catalog_cli(["check", str(DEFAULT_DIRECTORY)])[0] == 0


def test_catalog_check_lists_problems_and_exits_1(tmp_path):
    text = (DEFAULT_DIRECTORY / "npf-2023.toml").read_text(encoding="utf-8")
    (tmp_path / "npf-2023.toml").write_text(text.replace("days = 21", "days = -21", 1),
                                            encoding="utf-8")
    code, out, _err = catalog_cli(["check", str(tmp_path)])
    assert (code, out) == (1, "npf-2023.toml: pathways.tsb.limits[0]: days must not be "
                              "negative, got -21\n")


def test_catalog_show_prints_a_table_per_rule_set():
    out = catalog_cli(["show", "tsb"])[1]
    assert [line.split(":")[0] for line in out.splitlines() if line.startswith(("pak", "npf"))] == [
        "pakkeforlop-2019", "npf-2023", "npf-revised"]


def test_catalog_show_one_rule_set():
    code, out, _err = catalog_cli(["show", "tsb", "--ruleset", "npf-2023"])
    assert (code, out.count("first_attendance_to_clinical_decision")) == (0, 2)


def test_catalog_show_row_has_days_unit_basis_and_source():
    out = catalog_cli(["show", "tsb", "--ruleset", "npf-2023"])[1]
    (row,) = [line for line in out.splitlines() if line.startswith("detox_to_treatment  ")
              and "outpatient" in line]
    assert row.split()[:6] == ["detox_to_treatment", "outpatient", "-", "3", "calendar_days",
                               "national"]


def test_catalog_show_marks_unconfirmed_values():
    out = catalog_cli(["show", "barn_unge", "--ruleset", "npf-2023"])[1]
    assert "secondary, unconfirmed" in out


def test_catalog_show_marks_clocks_without_a_limit():
    out = catalog_cli(["show", "voksne", "--ruleset", "npf-2023"])[1]
    assert "none (local norm or no limit)" in out


def test_catalog_show_marks_an_unconfirmed_start_date():
    out = catalog_cli(["show", "tsb", "--ruleset", "npf-revised"])[1]
    assert "(start date unconfirmed)" in out.splitlines()[0]


def test_catalog_show_unknown_pathway_exits_2():
    code, _out, err = catalog_cli(["show", "kreft"])
    assert (code, "unknown pathway 'kreft'" in err) == (2, True)


def test_catalog_show_unknown_rule_set_exits_2():
    code, _out, err = catalog_cli(["show", "tsb", "--ruleset", "npf-1999"])
    assert (code, "unknown rule set 'npf-1999'" in err) == (2, True)


def test_catalog_without_a_command_exits_2():
    code, _out, err = catalog_cli([])
    assert (code, "usage: forlop catalog" in err) == (2, True)
