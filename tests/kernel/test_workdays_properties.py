"""Properties of the working-day calendar."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from forlop.kernel.workdays import (
    add_working_days,
    holidays_in,
    is_working_day,
    working_days_between,
)

days = st.dates(min_value=date(2018, 1, 1), max_value=date(2032, 12, 31))
counts = st.integers(min_value=0, max_value=60)

# The first holidays.Norway build takes ~0.6 s (lazy imports); warm the cache so the
# Hypothesis deadline measures our code, not that one-off cost.
for _year in range(2018, 2034):
    holidays_in(_year)


@given(days, st.integers(min_value=1, max_value=60))
def test_adding_working_days_lands_on_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@given(days, counts, counts)
def test_adding_more_working_days_never_goes_back(start, a, b):
    low, high = sorted((a, b))
    assert add_working_days(start, low) <= add_working_days(start, high)


@given(days, counts)
def test_counting_after_adding_round_trips(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(days, days)
def test_counting_is_antisymmetric(a, b):
    assert working_days_between(a, b) == -working_days_between(b, a)


@given(days, days, days)
def test_counting_is_additive(a, b, c):
    first, middle, last = sorted((a, b, c))
    total = working_days_between(first, last)
    assert total == working_days_between(first, middle) + working_days_between(middle, last)


@given(days, counts)
def test_n_working_days_take_at_least_n_calendar_days(start, n):
    assert (add_working_days(start, n) - start).days >= n
