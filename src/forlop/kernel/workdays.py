"""Norwegian working days: Monday to Friday, minus Norwegian public holidays.

Pathway times are calendar days; the legal referral-assessment clock counts working
days. Holiday sets are built once per year and cached, because deadline loops call
these functions hundreds of thousands of times.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def holidays_in(year: int) -> frozenset[date]:
    """Norwegian public holidays in ``year``.

    ``holidays.Norway`` counts every Sunday as a holiday unless told otherwise; we
    exclude weekends separately, so Sundays are switched off here to keep the set
    to real public holidays.
    """
    return frozenset(holidays.Norway(include_sundays=False, years=year).keys())


def is_working_day(day: date) -> bool:
    """True for Monday-Friday dates that are not Norwegian public holidays."""
    return day.weekday() < 5 and day not in holidays_in(day.year)


# Deadline loops ask for the same (referral date, 10) again and again; the answers
# are few (a few thousand dates a decade), so they are cached outright.
@lru_cache(maxsize=1 << 16)
def add_working_days(day: date, n: int) -> date:
    """The n-th working day after ``day`` (``day`` itself when n is 0).

    Raises ValueError for negative n: deadlines only run forward.
    """
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n}")
    current = day
    remaining = n
    while remaining:
        current += _ONE_DAY
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``.

    Negative when ``end`` is before ``start``, so that
    ``working_days_between(a, b) == -working_days_between(b, a)``.
    """
    if end < start:
        return -working_days_between(end, start)
    count = 0
    current = start
    while current < end:
        current += _ONE_DAY
        if is_working_day(current):
            count += 1
    return count
