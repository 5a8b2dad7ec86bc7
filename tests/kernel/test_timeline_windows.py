"""Timeline (which events count) and windows (where each clock starts and stops)."""

from forlop.kernel.events import normalise_events
from forlop.kernel.timeline import Timeline
from forlop.kernel.windows import Window, windows
from tests.kernel.kernel_helpers import D, ev, started


def timeline(*events):
    entries, _ = normalise_events(list(events))
    return Timeline.build(entries)


def test_first_finds_the_earliest_event():
    t = timeline(ev("evaluation", "2024-05-01"), ev("evaluation", "2024-04-01"))
    assert t.first("evaluation") == D("2024-04-01")


def test_first_on_or_after_skips_earlier_events():
    t = timeline(ev("evaluation", "2024-04-01"), ev("evaluation", "2024-05-01"))
    assert t.first("evaluation", D("2024-04-02")) == D("2024-05-01")


def test_first_of_a_missing_event_is_none():
    assert timeline().first("evaluation") is None


def test_events_after_the_end_do_not_count():
    t = timeline(ev("pathway_end", "2024-04-01", outcome="completed"),
                 ev("evaluation", "2024-04-02"))
    assert t.has("evaluation") is False


def test_the_end_is_the_first_pathway_end():
    t = timeline(ev("pathway_end", "2024-05-01", outcome="died"),
                 ev("pathway_end", "2024-04-01", outcome="completed"))
    assert t.end == D("2024-04-01")


def test_at_most_two_decisions_count():
    t = timeline(ev("clinical_decision", "2024-03-01", outcome="CU"),
                 ev("clinical_decision", "2024-04-01", outcome="CP"),
                 ev("clinical_decision", "2024-05-01", outcome="CT"))
    assert [outcome for _day, outcome in t.decisions] == ["CU", "CP"]


def test_second_decision_without_cu_does_not_count():
    t = timeline(ev("clinical_decision", "2024-03-01", outcome="CP"),
                 ev("clinical_decision", "2024-04-01", outcome="CT"))
    assert [outcome for _day, outcome in t.decisions] == ["CP"]


def test_treatment_decision_skips_cu():
    t = timeline(ev("clinical_decision", "2024-03-01", outcome="CU"),
                 ev("clinical_decision", "2024-04-01", outcome="CS"))
    assert t.treatment_decision == D("2024-04-01")


def test_treatment_decision_is_none_after_a_hand_over():
    t = timeline(ev("clinical_decision", "2024-03-01", outcome="CA"))
    assert t.treatment_decision is None


def test_granted_assessment_is_remembered():
    t = timeline(ev("referral_assessed", "2024-03-01", outcome="not_granted"),
                 ev("referral_assessed", "2024-03-08", outcome="right_granted"))
    assert t.right_granted == D("2024-03-08")


def test_patient_delays_are_collected():
    t = timeline(ev("patient_delay", "2024-03-01", postponed_from="2024-03-04",
                    postponed_to="2024-03-20"))
    assert t.delays == [D("2024-03-01")]


def test_windows_follow_the_requested_clock_order():
    t = timeline(*started("2024-03-01", ev("first_attendance", "2024-03-11")))
    found = windows(["first_attendance_to_clinical_decision", "referral_to_assessment"], t, False)
    assert [w.clock for w in found] == ["first_attendance_to_clinical_decision",
                                        "referral_to_assessment"]


def test_referral_window_falls_back_to_the_start():
    t = timeline(ev("pathway_start", "2024-03-01"), ev("first_attendance", "2024-03-05"))
    assert windows(["referral_to_first_attendance"], t, False) == [
        Window("referral_to_first_attendance", D("2024-03-01"), D("2024-03-05"))]


def test_stop_event_before_the_start_is_not_used():
    t = timeline(ev("treatment_started", "2024-03-01"), ev("detox_completed", "2024-03-05"))
    assert windows(["detox_to_treatment"], t, False)[0].done is None


def test_evaluation_windows_end_with_the_open_interval():
    t = timeline(ev("evaluation", "2024-03-01"), ev("evaluation", "2024-04-01"))
    assert windows(["evaluation_interval"], t, False) == [
        Window("evaluation_interval", D("2024-03-01"), D("2024-04-01"), 1),
        Window("evaluation_interval", D("2024-04-01"), None, 2, True)]


def test_no_evaluation_windows_without_evaluations():
    assert windows(["evaluation_interval"], timeline(), False) == []
