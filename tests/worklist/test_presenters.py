import datetime as dt

import pytest

from forlop.worklist.presenters import clock_label, urgency_label, urgency_of

TODAY = dt.date(2024, 6, 3)


@pytest.mark.parametrize(
    ("next_due", "breached", "expected"),
    [
        (None, True, "breached"),
        (TODAY, True, "breached"),
        (None, False, "none"),
        (TODAY, False, "soon"),
        (TODAY + dt.timedelta(days=7), False, "soon"),
        (TODAY + dt.timedelta(days=8), False, "ok"),
    ],
)
def test_urgency(next_due, breached, expected):
    assert urgency_of(next_due, breached, TODAY) == expected


def test_patient_caused_breach_is_labelled_as_such():
    assert urgency_label("breached", True) == "Fristbrudd (pasientårsak)"


def test_service_caused_breach_label():
    assert urgency_label("breached", False) == "Fristbrudd"


def test_known_clock_gets_norwegian_label():
    assert clock_label("evaluation_interval") == "Evaluering"


def test_unknown_clock_falls_back_to_key():
    assert clock_label("new_clock") == "new_clock"


def test_labels_follow_the_active_language():
    from django.utils import translation

    from forlop.worklist.presenters import Labels

    with translation.override("nn"):
        assert Labels.current().types["voksne"] == "Psykisk helsevern vaksne"
