"""Every kernel refusal has a plain nb/nn text, with Norwegian dates and names."""

import re
from datetime import date
from pathlib import Path

from django.utils import translation

import forlop.kernel
from forlop.kernel import ERROR_CODES, evaluate
from forlop.kernel.errors import ValidationError
from forlop.pathways.presenters.kernel_errors import TEXTS, error_text, form_field
from tests.kernel.kernel_helpers import ev, started

KERNEL = Path(forlop.kernel.__file__).parent


def _codes_in_kernel_source() -> set[str]:
    found = set()
    for path in KERNEL.glob("*.py"):
        found |= set(re.findall(r'ValidationError\(\s*"(\w+)"', path.read_text()))
    return found


def test_the_source_scan_finds_the_codes():
    assert "future_date" in _codes_in_kernel_source()


def test_every_code_the_kernel_can_emit_has_a_text():
    assert (_codes_in_kernel_source() | set(ERROR_CODES)) - set(TEXTS) == set()


def _refusal(events, today="2024-06-03"):
    (error,) = evaluate({"type": "tsb", "setting": "outpatient"}, events, today).errors
    return error


def test_a_future_date_is_named_in_norwegian_form():
    error = _refusal(started("2024-05-01", ev("first_attendance", "2024-06-10")))
    assert error_text(error) == ("Første oppmøte er datert 10.6.2024, etter i dag (3.6.2024). "
                                 "Registrer hendelser samme dag som de skjer eller senere.")


def test_a_second_decision_names_the_first_in_plain_words():
    error = _refusal(started("2024-05-01", ev("clinical_decision", "2024-05-10", outcome="CP"),
                             ev("clinical_decision", "2024-05-20", outcome="CT")))
    assert "«behandling i psykisk helsevern»" in error_text(error)


def test_a_too_short_delay_gives_its_working_days():
    error = _refusal(started("2024-05-01", ev("patient_delay", "2024-05-10",
                                              postponed_from="2024-05-13",
                                              postponed_to="2024-05-15")))
    assert "fra 13.5.2024 til 15.5.2024 er 2 arbeidsdager" in error_text(error)


def test_the_text_has_a_nynorsk_form():
    error = _refusal(started("2024-05-01", ev("first_attendance", "2024-04-20")))
    with translation.override("nn"):
        assert error_text(error).startswith("Første oppmøte 20.4.2024 er før forløpet starta")


def test_a_date_error_belongs_next_to_the_date_field():
    assert form_field(ValidationError("future_date", "", 0, "date")) == "on"


def test_an_unnamed_value_shows_as_a_dash():
    assert error_text(ValidationError("no_ruleset", "x")) == (
        "Ingen regelsett gjelder for startdatoen –. Kontroller startdatoen.")


def test_raw_keys_never_reach_the_text():
    error = _refusal(started("2024-05-01", ev("first_attendance", "2024-06-10")))
    assert "first_attendance" not in error_text(error)


def test_kernel_messages_stay_english():
    error = _refusal(started("2024-05-01", ev("first_attendance", date(2024, 6, 10))))
    assert error.message.startswith("first_attendance is dated 2024-06-10")
