"""What a user reads about a bad patient number or a kernel refusal (no database)."""

import random

import pytest

from forlop.intake.kernel_messages import field_errors
from forlop.kernel import ValidationError
from forlop.kernel.identifiers import generate_fh_number, generate_synthetic_fnr
from forlop.patients.identifiers import identifier_problem

RNG = random.Random(11)
FNR = generate_synthetic_fnr(RNG)


@pytest.mark.parametrize("number", [FNR, f"{FNR[:6]} {FNR[6:]}",
                                    generate_synthetic_fnr(RNG, dnr=True),
                                    generate_fh_number(RNG)])
def test_valid_numbers_have_no_problem(number):
    assert identifier_problem(number) == ""


@pytest.mark.parametrize(("number", "start"), [
    ("0180abc0000", "Nummeret kan bare ha sifre"),
    (FNR[:10], "Nummeret har 10 sifre"),
    ("32" + FNR[2:], "De seks første sifrene er ikke en gyldig dato"),
    (FNR[:10] + str((int(FNR[10]) + 1) % 10), "Kontrollsifrene"),
])
def test_bad_numbers_say_what_is_wrong(number, start):
    assert identifier_problem(number).startswith(start)


def test_an_h_number_is_refused_with_what_to_use_instead():
    from forlop.kernel.identifiers import check_digits

    first9 = FNR[:2] + f"{int(FNR[2:4]) - 80 + 40:02d}" + FNR[4:9]
    number = first9 + check_digits(first9)[0]
    assert identifier_problem(number).startswith("Dette er et H-nummer")


def test_kernel_codes_go_to_their_field():
    errors = [ValidationError("assessed_before_received", "x", 1, "date"),
              ValidationError("severity_required", "y", None, "pathway.severity")]
    assert sorted(field_errors(errors)) == ["assessed_on", "severity"]


def test_an_unexpected_code_goes_to_the_whole_form_with_the_shared_text():
    [message] = field_errors([ValidationError("third_clinical_decision", "z")])["__all__"]
    assert message.startswith("Et forløp har høyst to kliniske beslutninger")
