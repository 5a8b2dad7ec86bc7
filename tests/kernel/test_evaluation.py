"""evaluate(): the brief's example, rule-set choice and the serialised result."""

import json
from datetime import date

import pytest

from forlop.kernel import PathwaySpec, evaluate, load_catalog
from forlop.kernel.catalog_loader import DEFAULT_DIRECTORY
from tests.kernel.kernel_helpers import D, clock, codes, ev, run

EXAMPLE = [
    ev("referral_received", "2024-03-01"),
    ev("pathway_start", "2024-03-01"),
    ev("first_attendance", "2024-03-11"),
    ev("clinical_decision", "2024-03-27", outcome="CP"),
]


def example():
    return run("tsb", EXAMPLE, "2024-04-02")


def test_example_decision_is_due_on_1_april_and_met():
    found = clock(example(), "first_attendance_to_clinical_decision")
    assert (found.due, found.done, found.status) == (D("2024-04-01"), D("2024-03-27"), "met")


def test_example_first_evaluation_is_open_until_3_april():
    found = clock(example(), "clinical_decision_to_first_evaluation")
    assert (found.start, found.due, found.status) == (D("2024-03-27"), D("2024-04-03"), "open")


def test_example_is_in_treatment_under_npf_2023():
    result = example()
    assert (result.state, result.ruleset_id, result.errors) == ("treatment", "npf-2023", ())


def test_example_is_not_breached():
    assert (example().breached, example().next_due) == (False, D("2024-04-03"))


def test_result_serialises_to_json():
    data = json.loads(json.dumps(example().to_dict()))
    assert list(data) == ["state", "ruleset", "start_date", "pathway", "setting", "clocks",
                          "errors", "valid",
                          "next_due", "breached", "patient_caused_breach",
                          "service_caused_breach"]


def test_serialised_clock_shape():
    data = example().to_dict()["clocks"][1]
    assert data == {
        "clock": "first_attendance_to_clinical_decision", "n": None, "from": "2024-03-11",
        "due": "2024-04-01", "done": "2024-03-27", "status": "met", "days": 21,
        "unit": "calendar_days", "basis": "national", "confirmed": True, "no_limit": False,
        "patient_caused": False, "assumed_severity": None, "setting": "outpatient",
        "counted_from": None, "rule": {"ruleset": "npf-2023", "source": data["rule"]["source"]},
    }


def test_unsorted_events_give_the_same_result():
    assert run("tsb", EXAMPLE[::-1], "2024-04-02").to_dict() == example().to_dict()


def test_today_may_be_a_date():
    assert evaluate(PathwaySpec("tsb", "outpatient"), EXAMPLE, date(2024, 4, 2)) == example()


def test_unreadable_today_is_a_programming_error():
    with pytest.raises(ValueError, match="today must be a date"):
        evaluate(PathwaySpec("tsb", "outpatient"), EXAMPLE, "2 April")


def test_an_explicit_catalog_is_used():
    catalog = load_catalog(DEFAULT_DIRECTORY)
    result = evaluate({"type": "tsb", "setting": "outpatient"}, EXAMPLE, "2024-04-02",
                      catalog=catalog)
    assert result.ruleset_id == "npf-2023"


def test_unknown_type_gives_no_clocks():
    assert run("kreft", EXAMPLE, "2024-04-02").clocks == ()


# Rule-set choice: the rule set in force on the start date.

def test_pathway_start_decides_the_rule_set():
    events = [ev("referral_received", "2024-12-20"), ev("pathway_start", "2025-01-06")]
    assert run("tsb", events, "2025-01-07").ruleset_id == "npf-revised"


def test_referral_decides_when_it_starts_the_pathway():
    events = [ev("referral_received", "2024-12-20"),
              ev("referral_assessed", "2025-01-06", outcome="right_granted")]
    result = run("tsb", events, "2025-01-07")
    assert (result.ruleset_id, result.start_date) == ("npf-2023", D("2024-12-20"))


def test_revised_start_is_the_granted_assessment():
    events = [ev("referral_received", "2025-02-03"),
              ev("referral_assessed", "2025-02-07", outcome="right_granted")]
    result = run("tsb", events, "2025-02-10")
    assert (result.ruleset_id, result.start_date) == ("npf-revised", D("2025-02-07"))


def test_revised_pathway_has_not_started_without_a_granted_right():
    events = [ev("referral_received", "2025-02-03"),
              ev("referral_assessed", "2025-02-07", outcome="not_granted")]
    result = run("tsb", events, "2025-02-10")
    assert (result.ruleset_id, result.start_date, result.state) == ("npf-revised", None, "assessed")


def test_pathway_before_2019_has_no_rule_set_and_no_clocks():
    result = run("tsb", [ev("referral_received", "2018-06-01")], "2018-06-05")
    assert (result.ruleset_id, result.clocks, codes(result)) == (None, (), ["no_ruleset"])


def test_errors_make_the_evaluation_invalid():
    result = run("tsb", [*EXAMPLE, ev("first_visit", "2024-03-12")], "2024-04-02")
    assert (result.valid, result.to_dict()["valid"]) == (False, False)


def test_clocks_are_still_computed_when_there_are_errors():
    result = run("tsb", [*EXAMPLE, ev("first_visit", "2024-03-12")], "2024-04-02")
    assert clock(result, "first_attendance_to_clinical_decision").status == "met"


def test_free_attributes_are_kept_on_events():
    from forlop.kernel.events import normalise_events
    entries, _ = normalise_events([ev("treatment_plan", "2024-03-20", together_with_patient=True)])
    assert entries[0].event.attributes == {"together_with_patient": True}
