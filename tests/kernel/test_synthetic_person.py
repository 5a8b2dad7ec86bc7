"""Synthetic people: the number is made from the birth date, never the other way round."""

import random

from hypothesis import given
from hypothesis import strategies as st

from forlop.kernel.identifiers import generate_synthetic_person, is_synthetic_or_fh


@given(st.integers(min_value=0, max_value=2**32), st.booleans())
def test_the_number_is_a_valid_synthetic_number(seed, dnr):
    number, _ = generate_synthetic_person(random.Random(seed), dnr=dnr)
    assert is_synthetic_or_fh(number)


@given(st.integers(min_value=0, max_value=2**32))
def test_the_number_carries_the_birth_date_it_was_made_from(seed):
    number, born = generate_synthetic_person(random.Random(seed))
    assert number[:6] == f"{born.day:02d}{born.month + 80:02d}{born.year % 100:02d}"


@given(st.integers(min_value=0, max_value=2**32))
def test_the_individual_number_goes_with_the_century(seed):
    number, born = generate_synthetic_person(random.Random(seed))
    assert (int(number[6:9]) < 500) == (born.year < 2000)
