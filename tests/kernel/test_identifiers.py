"""Example tests for forlop.kernel.identifiers.

Only synthetic identities appear here: Test-Norge numbers (month + 80),
FH-numbers, or numbers that are provably invalid (impossible date, bad month
or wrong check digits). Valid plain fødselsnumre, D-numre and H-numre are
never written down; their kinds are shown with impossible dates instead.
"""

import ast
import dataclasses
import random
import sys
from pathlib import Path

import pytest

from forlop.kernel import identifiers
from forlop.kernel.identifiers import (
    IdentifierInfo,
    check_digits,
    classify,
    generate_fh_number,
    generate_synthetic_fnr,
    is_synthetic_or_fh,
)

# Independent tiny implementation of the check digits, written from the
# Skatteetaten description, used to build test numbers.
K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def complete(first9: str, remainder: int = 0) -> str:
    """first9 plus k1 (k1 check sum leaves ``remainder``) and k2."""
    k1 = (remainder - sum(int(d) * w for d, w in zip(first9, K1_WEIGHTS, strict=True))) % 11
    assert k1 != 10, "choose other digits: k1 would be 10"
    k2 = -sum(int(d) * w for d, w in zip(first9 + str(k1), K2_WEIGHTS, strict=True)) % 11
    assert k2 != 10, "choose other digits: k2 would be 10"
    return f"{first9}{k1}{k2}"


def summary(info: IdentifierInfo) -> tuple:
    return (info.kind, info.synthetic, info.valid, info.check_digit_rule)


# Tenor (Test-Norge) synthetic identities published by Skatteetaten, quoted in
# github.com/navikt/fnrvalidator issues #116 and #469.
TENOR_FNR = ["17912099997", "29822099635", "05840399895", "12829499914", "21929774873"]
TENOR_DNR = ["57912075186", "69822075096", "45840375084", "61929750062", "46879700922"]

FNR_OID = "urn:oid:2.16.578.1.12.4.1.4.1"
DNR_OID = "urn:oid:2.16.578.1.12.4.1.4.2"
FHNR_OID = "urn:oid:2.16.578.1.12.4.1.4.3"


# --- kinds -----------------------------------------------------------------


@pytest.mark.parametrize("number", TENOR_FNR)
def test_tenor_fnr_is_valid_synthetic_fnr(number):
    assert summary(classify(number)) == ("fnr", True, True, "classic")


@pytest.mark.parametrize("number", TENOR_DNR)
def test_tenor_dnr_is_valid_synthetic_dnr(number):
    assert summary(classify(number)) == ("dnr", True, True, "classic")


def test_2032_rule_synthetic_fnr_is_valid():
    assert summary(classify(complete("309082999", remainder=2))) == ("fnr", True, True, "2032")


def test_2032_rule_synthetic_dnr_with_remainder_3_is_valid():
    assert summary(classify(complete("459212123", remainder=3))) == ("dnr", True, True, "2032")


def test_fh_number_is_valid_fhnr():
    assert summary(classify(complete("812345678"))) == ("fhnr", False, True, "classic")


def test_fh_number_has_no_date_part():
    assert classify(complete("999999999")).valid is True


def test_fh_number_rejects_2032_only_check_digits():
    assert classify(complete("812345678", remainder=1)).reasons == (
        "check digit 1 is 1, expected 0",
    )


def test_month_plus_40_is_hnr():
    assert classify(complete("314285123")).kind == "hnr"


def test_month_without_offset_is_plain_fnr():
    info = classify(complete("310285123"))
    assert (info.kind, info.synthetic) == ("fnr", False)


def test_day_plus_40_is_dnr():
    assert classify(complete("710285123")).kind == "dnr"


def test_dnr_with_hnr_month_offset_is_rejected():
    assert classify(complete("454585123")).reasons == (
        "a D-nummer cannot also carry the H-nummer month offset (+40)",
    )


# --- OIDs --------------------------------------------------------------------


def test_fnr_oid():
    assert classify(TENOR_FNR[0]).oid == FNR_OID


def test_dnr_oid():
    assert classify(TENOR_DNR[0]).oid == DNR_OID


def test_fhnr_oid():
    assert classify(complete("812345678")).oid == FHNR_OID


def test_hnr_has_no_national_oid():
    assert classify(complete("314285123")).oid is None


def test_unknown_has_no_oid():
    assert classify("123").oid is None


# --- input shape -------------------------------------------------------------


def test_surrounding_and_inner_whitespace_is_removed():
    info = classify(" 298220\t99635\n")
    assert (info.value, info.valid) == ("29822099635", True)


def test_empty_input():
    info = classify("")
    assert (info.kind, info.reasons) == ("unknown", ("is empty",))


def test_whitespace_only_input():
    assert classify("  \t ").reasons == ("is empty",)


def test_letter_is_rejected():
    assert classify("2982209963X").reasons == ("contains characters other than the digits 0-9",)


def test_non_ascii_digits_are_rejected():
    assert classify("２９８２２０９９６３５").reasons == (
        "contains characters other than the digits 0-9",
    )


def test_hyphenated_number_reports_characters_and_length():
    assert classify("298220-99635").reasons == (
        "contains characters other than the digits 0-9",
        "has 12 characters, expected 11 digits",
    )


def test_too_short():
    assert classify("2982209963").reasons == ("has 10 characters, expected 11 digits",)


def test_too_long():
    assert classify("298220996350").reasons == ("has 12 characters, expected 11 digits",)


def test_wrong_shape_is_unknown_without_rule():
    assert summary(classify("2982209963")) == ("unknown", False, False, None)


# --- dates -------------------------------------------------------------------


def test_31_february_is_rejected():
    assert classify(complete("318220123")).reasons == ("31.02.20 is not a real calendar date",)


def test_30_february_in_dnr_is_rejected():
    assert classify(complete("708224123")).reasons == ("30.02.24 is not a real calendar date",)


def test_31_april_is_rejected():
    assert classify(complete("318420123")).reasons == ("31.04.20 is not a real calendar date",)


def test_29_february_in_year_not_divisible_by_4_is_rejected():
    assert classify(complete("298221123")).reasons == ("29.02.21 is not a real calendar date",)


def test_29_february_in_year_divisible_by_4_is_accepted():
    assert classify(complete("298224123")).valid is True


def test_29_february_00_is_accepted_whatever_the_individual_number():
    # Individual number 123 would mean 1900 (not a leap year) under the old
    # century table; the century is deliberately not derived (2000 was leap).
    assert classify(complete("298200123")).valid is True


def test_month_13_after_test_norge_offset():
    assert classify(complete("019320125")).reasons == (
        "month field 93 minus the Test-Norge offset 80 gives 13, which is not a month 01-12",
    )


def test_month_13_after_hnr_offset():
    assert classify(complete("015320123")).reasons == (
        "month field 53 minus the H-nummer offset 40 gives 13, which is not a month 01-12",
    )


def test_month_13_without_offset():
    assert classify(complete("011320123")).reasons == ("month 13, which is not a month 01-12",)


def test_month_00_after_test_norge_offset():
    assert classify(complete("018020123")).reasons == (
        "month field 80 minus the Test-Norge offset 80 gives 00, which is not a month 01-12",
    )


def test_nhn_plus_65_test_identity_is_not_recognised():
    assert classify(complete("016620123")).valid is False


def test_day_00():
    assert classify(complete("008220123")).reasons == ("day 00, which is not a day 01-31",)


def test_day_32_after_dnr_offset():
    assert classify(complete("728220123")).reasons == (
        "day field 72 minus the D-nummer offset 40 gives 32, which is not a day 01-31",
    )


def test_impossible_date_in_plain_fnr_is_the_only_reason():
    assert classify(complete("310285123")).reasons == ("31.02.85 is not a real calendar date",)


def test_impossible_date_in_hnr_is_the_only_reason():
    assert classify(complete("314285123")).reasons == ("31.02.85 is not a real calendar date",)


# --- check digits --------------------------------------------------------------


def test_wrong_second_check_digit():
    assert classify("29822099636").reasons == ("check digit 2 is 6, expected 5",)


def test_wrong_first_check_digit_lists_classic_and_2032_values():
    assert classify("29822099605").reasons == (
        "check digit 1 is 0, expected 3 (or 4, 5 or 6 under the 2032 rule)",
        "check digit 2 is 5, expected 0",
    )


def test_wrong_first_check_digit_in_fh_number():
    assert classify("81234567812").reasons == (
        "check digit 1 is 1, expected 0",
        "check digit 2 is 2, expected 0",
    )


def test_fh_number_whose_first_check_digit_would_be_10():
    assert classify("80000000500").reasons[0] == (
        "check digit 1 is 0, but no digit fits: these nine digits would need 10"
    )


def test_number_whose_second_check_digit_would_be_10():
    assert classify("80000000250").reasons == (
        "check digit 2 is 0, but no digit fits: the first ten digits would need 10",
    )


def test_fnr_without_classic_first_check_digit_lists_2032_values():
    assert classify("01822000850").reasons[0] == (
        "check digit 1 is 5, expected 0, 1 or 2 under the 2032 rule "
        "(no classic check digit exists for these nine digits)"
    )


def test_fnr_without_classic_first_check_digit_is_valid_under_2032_rule():
    assert summary(classify(complete("018220008", remainder=1))) == ("fnr", True, True, "2032")


def test_moving_k1_to_another_2032_value_breaks_k2():
    number = complete("309082999", remainder=2)  # k1 0, k2 2
    other = number[:9] + "1" + number[10]  # k1 1 gives remainder 3, also allowed
    assert classify(other).reasons == ("check digit 2 is 2, expected 0",)


def test_check_digits_classic():
    assert check_digits("298220996") == ("35",)


def test_check_digits_2032_lists_classic_first():
    assert check_digits("298220996", rule="2032") == ("35", "43", "51")


def test_check_digits_empty_when_k1_would_be_10():
    assert check_digits("800000005") == ()


@pytest.mark.parametrize("first9", ["298220996", "812345678", "451282123", "019999999"])
def test_check_digits_agree_with_independent_implementation(first9):
    assert check_digits(first9) == (complete(first9)[9:],)


@pytest.mark.parametrize("bad", ["29822099", "2982209961", "29822099x", ""])
def test_check_digits_rejects_malformed_prefix(bad):
    with pytest.raises(ValueError, match="nine ASCII digits"):
        check_digits(bad)


def test_check_digits_rejects_unknown_rule():
    with pytest.raises(ValueError, match="2031"):
        check_digits("298220996", rule="2031")


# --- generators ------------------------------------------------------------------


def test_synthetic_fnr_generator_is_deterministic():
    assert generate_synthetic_fnr(random.Random(7)) == generate_synthetic_fnr(random.Random(7))


def test_synthetic_dnr_generator_is_deterministic():
    first = generate_synthetic_fnr(random.Random(7), dnr=True, rule="2032")
    assert first == generate_synthetic_fnr(random.Random(7), dnr=True, rule="2032")


def test_fh_generator_is_deterministic():
    assert generate_fh_number(random.Random(7)) == generate_fh_number(random.Random(7))


def test_generators_vary_with_the_rng():
    rng = random.Random(7)
    assert len({generate_synthetic_fnr(rng) for _ in range(50)}) == 50


def test_synthetic_generator_rejects_unknown_rule():
    with pytest.raises(ValueError, match="2031"):
        generate_synthetic_fnr(random.Random(7), rule="2031")


# --- is_synthetic_or_fh ------------------------------------------------------------


@pytest.mark.parametrize("number", TENOR_FNR + TENOR_DNR)
def test_tenor_numbers_are_synthetic(number):
    assert is_synthetic_or_fh(number) is True


def test_fh_number_is_accepted_as_non_real():
    assert is_synthetic_or_fh(complete("812345678")) is True


def test_2032_synthetic_number_is_accepted_as_non_real():
    assert is_synthetic_or_fh(complete("309082999", remainder=2)) is True


def test_invalid_synthetic_number_is_refused():
    assert is_synthetic_or_fh("29822099636") is False


def test_invalid_fh_number_is_refused():
    assert is_synthetic_or_fh("81234567800") is False


def test_plain_fnr_shape_is_refused():
    assert is_synthetic_or_fh(complete("310285123")) is False


def test_garbage_is_refused():
    assert is_synthetic_or_fh("not a number") is False


# --- privacy and purity ----------------------------------------------------------


def test_info_has_exactly_the_documented_fields():
    assert [f.name for f in dataclasses.fields(IdentifierInfo)] == [
        "value",
        "kind",
        "synthetic",
        "valid",
        "reasons",
        "check_digit_rule",
    ]


def test_info_exposes_no_sex_age_or_birth_date():
    words = ("sex", "gender", "kjonn", "kjønn", "birth", "fodsel", "fødsel", "age", "alder")
    names = dir(classify(TENOR_FNR[0]))
    assert [n for n in names if any(w in n.lower() for w in words)] == []


def test_info_is_frozen():
    info = classify(TENOR_FNR[0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        info.valid = False  # type: ignore[misc]


def test_repr_does_not_contain_the_number():
    assert TENOR_FNR[0] not in repr(classify(TENOR_FNR[0]))


def test_kind_compares_equal_to_plain_string():
    assert classify(TENOR_FNR[0]).kind == "fnr"


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(identifiers.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported - set(sys.stdlib_module_names) == set()
