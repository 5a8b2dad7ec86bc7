"""Property tests for forlop.kernel.identifiers (Hypothesis).

Numbers come from the module's own generators (Test-Norge month + 80 and
FH-numbers) seeded by Hypothesis, or are arbitrary digit strings that are
never stored. The example database is off so nothing is written to disk.
"""

import calendar
import random
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forlop.kernel.identifiers import (
    classify,
    generate_fh_number,
    generate_synthetic_fnr,
    is_synthetic_or_fh,
)

MANY = settings(max_examples=2000, deadline=None, database=None)

seeds = st.integers(min_value=0, max_value=2**64 - 1)
digit_strings = st.text(alphabet="0123456789", min_size=11, max_size=11)

GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "fnr-classic": lambda rng: generate_synthetic_fnr(rng),
    "dnr-classic": lambda rng: generate_synthetic_fnr(rng, dnr=True),
    "fnr-2032": lambda rng: generate_synthetic_fnr(rng, rule="2032"),
    "dnr-2032": lambda rng: generate_synthetic_fnr(rng, dnr=True, rule="2032"),
    "fhnr": generate_fh_number,
}

EXPECTED = {
    "fnr-classic": ("fnr", True, True, "classic"),
    "dnr-classic": ("dnr", True, True, "classic"),
    "fnr-2032": ("fnr", True, True, "2032"),
    "dnr-2032": ("dnr", True, True, "2032"),
    "fhnr": ("fhnr", False, True, "classic"),
}


def single_digit_changes(number: str) -> list[str]:
    """Every number that differs from ``number`` in exactly one digit (11 x 9)."""
    return [
        number[:i] + d + number[i + 1 :]
        for i in range(len(number))
        for d in "0123456789"
        if d != number[i]
    ]


# Independent oracle, written separately from the module: a number is valid
# when its date (if any) exists in some century 1800-2099 and its weighted
# sums modulo 11 are right.
W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def oracle_valid(number: str) -> bool:
    digits = [int(c) for c in number]
    r1 = sum(d * w for d, w in zip(digits[:10], W1, strict=True)) % 11
    r2 = sum(d * w for d, w in zip(digits, W2, strict=True)) % 11
    if digits[0] >= 8:
        return r1 == 0 and r2 == 0
    day = int(number[0:2]) - 40 if digits[0] >= 4 else int(number[0:2])
    raw_month = int(number[2:4])
    month = raw_month - 80 if raw_month >= 80 else raw_month - 40 if raw_month >= 40 else raw_month
    if digits[0] >= 4 and 40 <= raw_month < 80:
        return False
    date_ok = 1 <= month <= 12 and any(
        1 <= day <= calendar.monthrange(century + int(number[4:6]), month)[1]
        for century in (1800, 1900, 2000)
    )
    h_number = 40 <= raw_month < 80
    return date_ok and r2 == 0 and (r1 == 0 if h_number else r1 in (0, 1, 2, 3))


@st.composite
def mostly_plausible_numbers(draw) -> str:
    """11-digit strings, half of them with check digits that pass."""
    first9 = draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    remainder = draw(st.integers(min_value=0, max_value=3))
    k1 = (remainder - sum(int(c) * w for c, w in zip(first9, W1[:9], strict=True))) % 11 % 10
    k2 = -sum(int(c) * w for c, w in zip(first9 + str(k1), W2[:10], strict=True)) % 11 % 10
    tail = draw(st.one_of(st.just(f"{k1}{k2}"), st.text("0123456789", min_size=2, max_size=2)))
    return first9 + tail


@pytest.mark.parametrize("variant", sorted(GENERATORS))
@MANY
@given(seed=seeds)
def test_generated_numbers_classify_as_their_kind(variant, seed):
    info = classify(GENERATORS[variant](random.Random(seed)))
    assert (info.kind, info.synthetic, info.valid, info.check_digit_rule) == EXPECTED[variant]


@pytest.mark.parametrize("variant", sorted(GENERATORS))
@MANY
@given(seed=seeds)
def test_every_single_digit_change_is_rejected(variant, seed):
    number = GENERATORS[variant](random.Random(seed))
    assert [m for m in single_digit_changes(number) if classify(m).valid] == []


@pytest.mark.parametrize("variant", sorted(GENERATORS))
@MANY
@given(seed=seeds)
def test_generated_numbers_pass_the_independent_oracle(variant, seed):
    assert oracle_valid(GENERATORS[variant](random.Random(seed))) is True


@pytest.mark.parametrize("variant", sorted(GENERATORS))
@MANY
@given(seed=seeds)
def test_generated_numbers_are_synthetic_or_fh(variant, seed):
    assert is_synthetic_or_fh(GENERATORS[variant](random.Random(seed))) is True


@MANY
@given(number=mostly_plausible_numbers())
def test_classifier_agrees_with_independent_oracle(number):
    assert classify(number).valid is oracle_valid(number)


@MANY
@given(
    first=st.sampled_from("01234567"),
    second=st.sampled_from("0123456789"),
    month=st.integers(min_value=0, max_value=79),
    rest=st.text(alphabet="0123456789", min_size=7, max_size=7),
)
def test_real_looking_numbers_are_never_accepted_as_synthetic(first, second, month, rest):
    assert is_synthetic_or_fh(f"{first}{second}{month:02d}{rest}") is False


@MANY
@given(number=mostly_plausible_numbers())
def test_is_synthetic_or_fh_matches_classification(number):
    info = classify(number)
    assert is_synthetic_or_fh(number) is (info.valid and (info.synthetic or info.kind == "fhnr"))


@MANY
@given(text=st.text())
def test_valid_exactly_when_there_are_no_reasons(text):
    info = classify(text)
    assert info.valid is (info.reasons == ())


@MANY
@given(text=st.text().filter(lambda t: not re.fullmatch("[0-9]{11}", "".join(t.split()))))
def test_anything_but_eleven_characters_is_unknown_and_invalid(text):
    info = classify(text)
    assert (info.kind, info.valid, info.check_digit_rule) == ("unknown", False, None)


@MANY
@given(number=digit_strings)
def test_check_digit_rule_is_set_exactly_when_check_digits_pass(number):
    info = classify(number)
    assert (info.check_digit_rule is None) is any(r.startswith("check digit") for r in info.reasons)
