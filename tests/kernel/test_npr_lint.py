"""The NPR code lint (forlop.kernel.npr_lint): each code triggered, a clean pathway
raising none, periods, and ``forlop npr lint FILE`` with its exit codes."""

import io
import json
from datetime import date

import pytest

from forlop.cli import _names_a_file
from forlop.kernel.npr_cli import npr_lint_main
from forlop.kernel.npr_lint import CHECKS, SILENT_DAYS, Record, lint, lint_pathway, parse_period

TODAY = date(2024, 6, 3)
CLEAN_EVENTS = [
    {"event": "referral_received", "date": "2024-03-01"},
    {"event": "referral_assessed", "date": "2024-03-05", "outcome": "right_granted"},
    {"event": "pathway_start", "date": "2024-03-01"},
    {"event": "first_attendance", "date": "2024-03-11"},
    {"event": "clinical_decision", "date": "2024-03-27", "outcome": "CP"},
    {"event": "treatment_plan", "date": "2024-03-27", "together_with_patient": True},
    {"event": "evaluation", "date": "2024-04-02"},
    {"event": "evaluation", "date": "2024-05-20"},
]


def record(events=None, *, type="tsb", rid="p1", unit="4201001", **spec):  # noqa: A002
    pathway = {"type": type, "setting": "outpatient", "severity": None, **spec}
    return Record(rid, unit, pathway, CLEAN_EVENTS if events is None else events)


def codes(rec, today=TODAY, **kwargs):
    return [f.code for f in lint_pathway(rec, today, **kwargs)]


def replaced(index, **changes):
    events = [dict(e) for e in CLEAN_EVENTS]
    events[index].update(changes)
    return events


def plus(*extra):
    return [*CLEAN_EVENTS, *extra]


def test_a_clean_pathway_has_no_findings():
    assert codes(record()) == []


def test_npr001_no_pathway_start():
    assert codes(record([e for e in CLEAN_EVENTS if e["event"] != "pathway_start"])) == [
        "NPR001"]


@pytest.mark.parametrize("value", [None, "barn", ""])
def test_npr002_type_missing_or_unknown(value):
    assert "NPR002" in codes(record(type=value))


def test_npr003_type_without_national_code_is_a_warning():
    findings = lint_pathway(record(type="ocd"), TODAY)
    assert [f.code for f in findings] == ["NPR003"]
    assert not findings[0].is_error


def test_npr004_third_clinical_decision():
    events = replaced(4, outcome="CU") + [
        {"event": "clinical_decision", "date": "2024-04-10", "outcome": "CU"},
        {"event": "clinical_decision", "date": "2024-04-20", "outcome": "CP"}]
    assert "NPR004" in codes(record(events))


def test_npr005_second_decision_without_cu():
    found = codes(record(plus({"event": "clinical_decision", "date": "2024-04-10",
                               "outcome": "CK"})))
    assert found == ["NPR005"]


def test_a_second_decision_after_cu_is_clean():
    events = replaced(4, outcome="CU") + [
        {"event": "clinical_decision", "date": "2024-04-10", "outcome": "CP"}]
    assert codes(record(events)) == []


@pytest.mark.parametrize("events", [
    replaced(3, date="2024-02-20"),  # first attendance before the start
    replaced(1, date="2024-02-25"),  # assessed before received
])
def test_npr006_dates_out_of_order(events):
    assert codes(record(events)) == ["NPR006"]


def test_npr007_event_after_end():
    events = plus({"event": "pathway_end", "date": "2024-05-21", "outcome": "completed"},
                  {"event": "evaluation", "date": "2024-05-30"})
    assert codes(record(events)) == ["NPR007"]


def test_npr007_second_end():
    events = plus({"event": "pathway_end", "date": "2024-05-21", "outcome": "completed"},
                  {"event": "pathway_end", "date": "2024-05-21", "outcome": "died"})
    assert "NPR007" in codes(record(events))


def test_npr008_future_date():
    assert codes(record(plus({"event": "evaluation", "date": "2024-07-01"}))) == ["NPR008"]


def test_npr009_open_pathway_silent_for_months():
    silent_day = date(2024, 5, 20).toordinal() + SILENT_DAYS + 1
    assert codes(record(), date.fromordinal(silent_day)) == ["NPR009"]
    assert codes(record(), date.fromordinal(silent_day - 1)) == []


def test_npr009_not_for_a_closed_pathway():
    events = plus({"event": "pathway_end", "date": "2024-05-21", "outcome": "completed"})
    assert codes(record(events), date(2025, 6, 1)) == []


def test_npr009_is_judged_at_the_period_end():
    period = parse_period("2024-T2")  # ends 31 Aug: 103 days after 20 May
    assert codes(record(), date(2025, 1, 1), period=period) == ["NPR009"]
    assert codes(record(), date(2025, 1, 1), period=parse_period("2024-06")) == []


def test_npr010_second_pathway_start():
    assert codes(record(plus({"event": "pathway_start", "date": "2024-03-02"}))) == [
        "NPR010"]


def test_npr011_other_kernel_rejections_carry_the_kernel_code():
    findings = lint_pathway(record(replaced(4, outcome="XX")), TODAY)
    assert [f.code for f in findings] == ["NPR011"]
    assert findings[0].params["kernel_code"] == "unknown_outcome"
    assert findings[0].event_index == 4


@pytest.mark.parametrize("data", [
    {"first_trust_start": "2024-02-01"},
    {"first_trust_name": "Nabo HF"},
    {"first_trust_start": "2024-03-05", "first_trust_name": "Nabo HF"},
])
def test_npr012_first_trust_incomplete_or_late(data):
    assert codes(record(replaced(2, **data))) == ["NPR012"]


def test_a_complete_first_trust_is_clean():
    events = replaced(2, first_trust_start="2024-02-01", first_trust_name="Nabo HF")
    assert codes(record(events)) == []


def test_every_code_has_a_test_above():
    tested = {name.split("_")[1].upper() for name in globals() if name.startswith("test_npr")}
    assert tested == set(CHECKS)


def test_findings_name_pathway_unit_and_fix():
    (finding,) = lint_pathway(record(plus({"event": "evaluation", "date": "2024-07-01"}),
                                     rid="p-9", unit="777"), TODAY)
    assert (finding.pathway, finding.unit) == ("p-9", "777")
    assert finding.fix == CHECKS["NPR008"][2]
    assert finding.line().startswith("NPR008 error pathway p-9 (unit 777): ")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2024-10", date(2024, 10, 1), date(2024, 10, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-T1", date(2024, 1, 1), date(2024, 4, 30)),
    ("2024-T2", date(2024, 5, 1), date(2024, 8, 31)),
    ("2024-T3", date(2024, 9, 1), date(2024, 12, 31)),
])
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["2024", "2024-13", "2024-T4", "24-01", "", "2024-1"])
def test_bad_periods(text):
    with pytest.raises(ValueError, match="period"):
        parse_period(text)


def test_lint_keeps_to_unit_and_period():
    other = record(plus({"event": "evaluation", "date": "2024-07-01"}), rid="p2", unit="9")
    ended = record([{"event": "pathway_start", "date": "2023-01-02"},
                    {"event": "pathway_end", "date": "2023-02-01", "outcome": "completed"},
                    {"event": "evaluation", "date": "2023-03-01"}], rid="p3")
    broken = record(plus({"event": "evaluation", "date": "2024-07-01"}), rid="p4")
    records = [record(), other, ended, broken]
    assert {f.pathway for f in lint(records, TODAY)} == {"p2", "p3", "p4"}
    assert {f.pathway for f in lint(records, TODAY, unit="4201001")} == {"p3", "p4"}
    assert {f.pathway for f in lint(records, TODAY, period=parse_period("2024-T1"))} == {
        "p2", "p4"}
    assert {f.pathway for f in lint(records, TODAY, period=parse_period("2023-02"))} == {"p3"}


# forlop npr lint FILE


def lines(*records):
    return "".join(json.dumps({"id": r.id, "unit": r.unit, "pathway": r.pathway,
                               "events": r.events}) + "\n" for r in records)


def run(argv, text):
    out, err = io.StringIO(), io.StringIO()
    code = npr_lint_main(argv, io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def test_cli_clean_file_exits_0():
    code, out, _err = run(["-", "--today", "2024-06-03"], lines(record(), record(rid="p2")))
    assert (code, out) == (0, "no findings\n")


def test_cli_findings_exit_1_and_name_code_pathway_and_fix():
    broken = record(plus({"event": "evaluation", "date": "2024-07-01"}), rid="p-7")
    code, out, _err = run(["-", "--today", "2024-06-03"], lines(record(), broken))
    assert code == 1
    assert "NPR008 error pathway p-7 (unit 4201001)" in out
    assert "Fix: correct the date" in out
    assert out.endswith("1 finding (1 error) in 1 pathway\n")


def test_cli_json_output():
    broken = record(plus({"event": "evaluation", "date": "2024-07-01"}), rid="p-7")
    code, out, _err = run(["-", "--today", "2024-06-03", "--json"], lines(broken))
    assert code == 1
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "NPR008" and finding["severity"] == "error"


def test_cli_unit_and_period_options(tmp_path):
    path = tmp_path / "pathways.jsonl"
    broken = record(plus({"event": "evaluation", "date": "2024-07-01"}), unit="9")
    path.write_text(lines(record(), broken), encoding="utf-8")
    assert run([str(path), "--today", "2024-06-03", "--unit", "4201001"], "")[0] == 0
    assert run([str(path), "--today", "2024-06-03", "--unit", "9"], "")[0] == 1
    assert run([str(path), "--today", "2024-06-03", "--period", "2023-T1"], "")[0] == 0


@pytest.mark.parametrize(("text", "message"), [
    ("{not json\n", "stdin line 1: invalid JSON"),
    ('{"id": "a", "unit": "1", "pathway": {}, "events": []}\n[]\n',
     "stdin line 2: expected an object"),
    ('{"id": "a", "unit": "1", "pathway": {}}\n', "stdin line 1: events missing"),
])
def test_cli_unreadable_lines_exit_2(text, message):
    code, _out, err = run(["-"], text)
    assert code == 2 and message in err


def test_cli_bad_options_exit_2():
    assert run(["-", "--period", "2024-T9"], "")[0] == 2
    assert run(["-", "--today", "3.6.2024"], "")[0] == 2
    assert run(["/nonexistent/file.jsonl"], "")[0] == 2


@pytest.mark.parametrize(("argv", "expected"), [
    (["file.jsonl"], True), (["-"], True), (["--unit", "123", "f"], True),
    (["--unit", "123"], False), (["--period", "2024-T1", "--json"], False), ([], False),
])
def test_console_routes_file_mode_to_the_kernel(argv, expected):
    assert _names_a_file(argv) is expected
