"""One place for labels: every kernel word has a plain name."""

from forlop.kernel import vocabulary as v
from forlop.pathways.presenters.labels import (
    CLOCK_LABELS,
    EVENT_LABELS,
    OUTCOME_LABELS,
    clock_label,
    event_with_outcome,
)


def test_every_event_has_a_label():
    assert set(v.EVENT_KEYS) - set(EVENT_LABELS) == set()


def test_every_clock_has_a_label():
    assert set(v.CLOCKS) - set(CLOCK_LABELS) == set()


def test_every_outcome_has_a_label():
    words = {*v.CLINICAL_DECISIONS, *v.CLOSURE_OUTCOMES, *v.REFERRAL_OUTCOMES}
    labelled = {word for outcomes in OUTCOME_LABELS.values() for word in outcomes}
    assert words - labelled == set()


def test_a_decision_reads_as_plain_words():
    assert event_with_outcome("clinical_decision", "CP") == (
        "Klinisk beslutning: behandling i psykisk helsevern")


def test_an_event_without_outcome_is_its_name():
    assert event_with_outcome("first_attendance", "") == "Første oppmøte"


def test_the_worklist_still_imports_clock_labels():
    from forlop.worklist.presenters import clock_label as worklist_clock_label

    assert worklist_clock_label is clock_label
