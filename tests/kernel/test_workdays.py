"""Norwegian working days: weekends and public holidays excluded."""

from datetime import date

import pytest

from forlop.kernel.workdays import (
    add_working_days,
    holidays_in,
    is_working_day,
    working_days_between,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2024-03-27", True),   # Wednesday before Easter
        ("2024-03-28", False),  # Maundy Thursday
        ("2024-03-29", False),  # Good Friday
        ("2024-04-01", False),  # Easter Monday
        ("2024-04-02", True),
        ("2024-05-01", False),  # Labour Day
        ("2024-05-09", False),  # Ascension Day
        ("2024-05-17", False),  # Constitution Day
        ("2024-05-20", False),  # Whit Monday
        ("2024-12-24", True),   # Christmas Eve is not a public holiday
        ("2024-12-25", False),
        ("2024-12-26", False),
        ("2025-01-01", False),
        ("2024-03-23", False),  # Saturday
        ("2024-03-24", False),  # Sunday
    ],
)
def test_is_working_day(day, expected):
    assert is_working_day(D(day)) is expected


def test_holiday_set_has_no_ordinary_sundays():
    # holidays.Norway counts every Sunday by default; only named holidays belong here.
    assert D("2024-03-24") not in holidays_in(2024)


def test_holiday_set_is_cached_per_year():
    assert holidays_in(2024) is holidays_in(2024)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2024-03-20", 10, "2024-04-08"),  # across Easter 2024
        ("2024-03-27", 1, "2024-04-02"),   # Maundy Thursday to Easter Monday skipped
        ("2024-05-08", 10, "2024-05-27"),  # Ascension, 17 May and Whit Monday
        ("2024-05-16", 1, "2024-05-21"),   # 17 May (Fri), weekend, Whit Monday
        ("2024-12-20", 3, "2024-12-27"),   # 23, 24 Dec, then past Christmas
        ("2024-12-31", 1, "2025-01-02"),   # New Year, across the year boundary
        ("2024-03-22", 1, "2024-03-25"),   # Friday to Monday
        ("2024-03-23", 1, "2024-03-25"),   # from a Saturday
        ("2024-03-20", 0, "2024-03-20"),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(D(start), n) == D(expected)


def test_add_working_days_rejects_negative_n():
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(D("2024-03-20"), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2024-03-20", "2024-04-08", 10),
        ("2024-03-27", "2024-04-01", 0),
        ("2024-03-27", "2024-04-02", 1),
        ("2024-05-08", "2024-05-27", 10),
        ("2024-12-23", "2025-01-02", 5),  # 24, 27, 30, 31 Dec and 2 Jan
        ("2024-03-20", "2024-03-20", 0),
        ("2024-04-08", "2024-03-20", -10),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(D(start), D(end)) == expected
