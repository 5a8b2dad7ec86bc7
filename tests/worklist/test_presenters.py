import datetime as dt

import pytest

from forlop.worklist.presenters import Labels, WorklistRow, clock_label, urgency_label, urgency_of
from forlop.worklist.selectors import Row

TODAY = dt.date(2024, 6, 3)


@pytest.mark.parametrize(
    ("next_due", "breached", "expected"),
    [
        (TODAY - dt.timedelta(days=1), True, "overdue"),
        # Not marked breached yet (the projection is from an earlier day): still overdue.
        (TODAY - dt.timedelta(days=1), False, "overdue"),
        (None, True, "missed"),
        (TODAY, True, "missed"),
        (TODAY + dt.timedelta(days=30), True, "missed"),
        (None, False, "none"),
        (TODAY, False, "soon"),
        (TODAY + dt.timedelta(days=7), False, "soon"),
        (TODAY + dt.timedelta(days=8), False, "ok"),
    ],
)
def test_urgency(next_due, breached, expected):
    assert urgency_of(next_due, breached, TODAY) == expected


def test_patient_caused_breach_is_labelled_as_such():
    assert urgency_label("overdue", True) == "Fristbrudd nå (pasientårsak)"


def test_service_caused_breach_label():
    assert urgency_label("overdue", False) == "Fristbrudd nå"


def test_missed_earlier_label():
    assert urgency_label("missed", False) == "Tidligere fristbrudd"


def _row(next_due, breached=True):
    return Row(1, next_due, "assessed", "evaluation_interval", breached, False, "national",
               "tsb", 1, 1, "Ada", "DPS")


def test_days_overdue_counts_from_the_running_clocks_due_date():
    row = WorklistRow.from_row(_row(TODAY - dt.timedelta(days=12)), TODAY)
    assert (row.days_overdue, row.days_text) == (12, "12 dager over fristen")


def test_one_day_overdue_is_singular():
    assert WorklistRow.from_row(_row(TODAY - dt.timedelta(days=1)), TODAY).days_text == \
        "1 dag over fristen"


def test_missed_earlier_has_no_days_overdue():
    assert WorklistRow.from_row(_row(TODAY + dt.timedelta(days=3)), TODAY).days_overdue is None


def test_known_clock_gets_norwegian_label():
    assert clock_label("evaluation_interval") == "Evaluering"


def test_unknown_clock_falls_back_to_key():
    assert clock_label("new_clock") == "new_clock"


def test_labels_follow_the_active_language():
    from django.utils import translation

    with translation.override("nn"):
        assert Labels.current().types["voksne"] == "Psykisk helsevern vaksne"
