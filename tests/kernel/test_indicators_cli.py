"""forlop indicators compute: JSON lines in, the period's figures out; exit 0, 1, 2."""

import io
import json

from forlop.kernel.cli import indicators_main

SPEC = {"type": "tsb", "setting": "outpatient", "severity": None}


def events(decided):
    return [{"event": "referral_received", "date": "2024-03-01"},
            {"event": "pathway_start", "date": "2024-03-01"},
            {"event": "first_attendance", "date": "2024-03-11"},
            {"event": "clinical_decision", "date": decided, "outcome": "CP"}]


def line(id, unit, decided):
    return json.dumps({"id": id, "unit": unit, "pathway": SPEC, "events": events(decided)})


def run(argv, text):
    out, err = io.StringIO(), io.StringIO()
    code = indicators_main(argv, io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def test_compute_prints_the_issue_shape():
    text = "\n".join([line("a", "U1", "2024-04-01"), "", line("b", "U2", "2024-04-02")])
    code, out, _err = run(["compute", "-", "--period", "2024-T1", "--today", "2024-06-01"], text)
    result = json.loads(out)
    figure = result["indicators"]["clinical_decision_within_time"]
    assert code == 0
    assert result["period"] == "2024-T1"
    assert figure == {
        "numerator": 1, "denominator": 2,
        "breaches": {"service_caused": 1, "patient_caused": 0},
        "by_unit": {"U1": {"numerator": 1, "denominator": 1},
                    "U2": {"numerator": 0, "denominator": 1}},
        "by_type": {"tsb": {"numerator": 1, "denominator": 2}},
        "members": {"numerator": ["a"], "denominator": ["a", "b"]},
    }


def test_a_pathway_the_kernel_refuses_exits_1_naming_its_id_and_line():
    bad = json.dumps({"id": "bad", "unit": "U1", "pathway": SPEC,
                      "events": [*events("2024-04-01"),
                                 {"event": "clinical_decision", "date": "2024-04-05",
                                  "outcome": "CP"}]})
    code, out, err = run(["compute", "-", "--period", "2024-T1", "--today", "2024-06-01"],
                         line("a", "U1", "2024-04-01") + "\n" + bad)
    assert code == 1
    assert json.loads(out)["errors"][0]["line"] == 2
    assert json.loads(out)["errors"][0]["id"] == "bad"
    assert "line 2 (id bad)" in err


def test_a_future_event_is_refused_against_today():
    code, _out, err = run(["compute", "-", "--period", "2024-T1", "--today", "2024-03-15"],
                          line("a", "U1", "2024-04-01"))
    assert code == 1
    assert "id a" in err


def test_unreadable_line_exits_2_with_its_number():
    code, _out, err = run(["compute", "-", "--period", "2024-T1"],
                          line("a", "U1", "2024-04-01") + "\n{not json")
    assert code == 2
    assert "line 2" in err


def test_a_repeated_id_exits_2():
    text = line("a", "U1", "2024-04-01") + "\n" + line("a", "U2", "2024-04-01")
    code, _out, err = run(["compute", "-", "--period", "2024-T1"], text)
    assert code == 2
    assert "repeats line 1" in err


def test_a_line_without_unit_exits_2():
    text = json.dumps({"id": "a", "pathway": SPEC, "events": events("2024-04-01")})
    code, _out, err = run(["compute", "-", "--period", "2024-T1"], text)
    assert (code, "unit: missing" in err) == (2, True)


def test_a_bad_period_exits_2():
    code, _out, err = run(["compute", "-", "--period", "2024-Q1"], "")
    assert code == 2
    assert "YYYY-T1" in err
