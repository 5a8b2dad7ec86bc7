"""The ``forlop`` console command: kernel commands without Django, the rest via Django."""

import json
import subprocess
import sys

from tests.kernel.test_cli import EXAMPLE

FORLOP = [sys.executable, "-m", "forlop"]


def run(*args, stdin=""):
    return subprocess.run([*FORLOP, *args], input=stdin, capture_output=True, text=True,
                          check=False)


def test_evaluate_reads_stdin_and_prints_clocks():
    result = run("evaluate", "-", stdin=json.dumps(EXAMPLE))
    clocks = {c["clock"]: c["status"] for c in json.loads(result.stdout)["clocks"]}
    assert clocks["first_attendance_to_clinical_decision"] == "met"


def test_evaluate_exit_code_1_on_rule_errors():
    bad = {**EXAMPLE, "today": "2024-03-20"}
    assert run("evaluate", "-", stdin=json.dumps(bad)).returncode == 1


def test_evaluate_exit_code_2_on_unreadable_input():
    assert run("evaluate", "-", stdin="{not json").returncode == 2


def test_catalog_check_passes_on_shipped_rule_sets():
    assert run("catalog", "check").returncode == 0


def test_django_commands_are_available():
    assert "demo" in run("help").stdout


def test_indicators_compute_runs_without_django():
    line = json.dumps({"id": "a", "unit": "U1", **{k: EXAMPLE[k] for k in ("pathway", "events")}})
    result = run("indicators", "compute", "-", "--period", "2024-03", "--today", "2024-04-02",
                 stdin=line)
    figure = json.loads(result.stdout)["indicators"]["clinical_decision_within_time"]
    assert (result.returncode, figure["members"]["numerator"]) == (0, ["a"])
