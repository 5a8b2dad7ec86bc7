import datetime as dt

from forlop.reminders import rules
from forlop.reminders.models import NoticeKind

FRIDAY = dt.date(2024, 6, 7)


def test_horizon_counts_working_days_over_a_weekend():
    assert rules.horizon(FRIDAY, 3) == dt.date(2024, 6, 12)


def test_horizon_skips_a_public_holiday():
    # 17 May 2024 (Friday) is Constitution Day and 20 May Whit Monday.
    assert rules.horizon(dt.date(2024, 5, 16), 1) == dt.date(2024, 5, 21)


def test_a_clock_due_today_is_due_soon_not_overdue():
    assert rules.coordinator_kind(FRIDAY, FRIDAY, FRIDAY) == NoticeKind.DUE_SOON


def test_a_clock_due_yesterday_is_overdue():
    assert rules.coordinator_kind(FRIDAY - dt.timedelta(days=1), FRIDAY,
                                  FRIDAY) == NoticeKind.OVERDUE


def test_a_clock_due_after_the_horizon_needs_no_notice():
    assert rules.coordinator_kind(FRIDAY + dt.timedelta(days=1), FRIDAY, FRIDAY) is None


def test_escalation_starts_on_the_day_overdue_reaches_the_limit():
    due = dt.date(2024, 6, 1)
    assert [rules.escalates(due, due + dt.timedelta(days=d), 7) for d in (6, 7, 8)] == [
        False, True, True]
