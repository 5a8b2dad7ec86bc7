"""The legal deadline and how a row says it (no database)."""

import datetime as dt

import pytest
from django.utils import translation

from forlop.intake.deadlines import assessment_due, deadline_of
from forlop.intake.presenters import ReferralRow

D = dt.date


@pytest.mark.parametrize(("received", "due"), [
    (D(2024, 3, 1), D(2024, 3, 15)),  # an ordinary fortnight, counted from the day after
    (D(2024, 3, 20), D(2024, 4, 8)),  # Easter: 28 Mar, 29 Mar and 1 Apr are holidays
    (D(2026, 12, 18), D(2027, 1, 5)),  # Christmas and New Year
])
def test_due_ten_norwegian_working_days_after_receipt(received, due):
    assert assessment_due(received) == due


def row(received, today):
    return ReferralRow(1, "P", "U", received, "", "", deadline_of(received, today))


@pytest.mark.parametrize(("today", "text"), [
    (D(2024, 3, 14), "1 virkedag igjen"),
    (D(2024, 3, 11), "4 virkedager igjen"),
    (D(2024, 3, 15), "Frist i dag"),
    (D(2024, 3, 16), "1 dag over fristen"),
    (D(2024, 3, 20), "5 dager over fristen"),
])
def test_status_says_days_left_or_overdue(today, text):
    assert row(D(2024, 3, 1), today).status == text


def test_status_in_nynorsk():
    with translation.override("nn"):
        assert row(D(2024, 3, 1), D(2024, 3, 11)).status == "4 vyrkedagar att"
