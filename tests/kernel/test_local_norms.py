"""Local norms fill gaps in the national times and are reported as such."""

import pytest

from forlop.kernel import LocalNorm, LocalNorms
from tests.kernel.kernel_helpers import D, clock, ev, run, started

ADULT = started("2024-03-01", ev("first_attendance", "2024-03-11"))
DECISION = "first_attendance_to_clinical_decision"
NORM = {"pathway": "voksne", "clock": DECISION, "setting": "outpatient", "days": 42,
        "source": "Klinikk for psykisk helse, vedtak 2024-01"}


def adult_clock(norms, today="2024-03-20", setting="outpatient"):
    return clock(run("voksne", ADULT, today, setting=setting, local_norms=norms), DECISION)


def test_local_norm_sets_the_due_date():
    assert adult_clock([NORM]).due == D("2024-04-22")


def test_local_norm_is_reported_as_local():
    found = adult_clock([NORM])
    assert (found.basis, found.confirmed) == ("local_norm", False)


def test_local_norm_source_is_kept():
    assert adult_clock([NORM]).source == "Klinikk for psykisk helse, vedtak 2024-01"


def test_local_norm_can_be_breached():
    assert adult_clock([NORM], today="2024-04-23").status == "breached"


def test_local_norm_only_applies_to_its_setting():
    assert adult_clock([NORM], setting="inpatient").basis == "none"


def test_local_norm_never_overrides_a_national_time():
    norm = {**NORM, "pathway": "tsb", "days": 90}
    found = clock(run("tsb", ADULT, "2024-03-20", local_norms=[norm]), DECISION)
    assert (found.days, found.basis) == (21, "national")


def test_local_norms_object_is_accepted():
    norms = LocalNorms([LocalNorm("voksne", DECISION, "outpatient", 30)])
    assert adult_clock(norms).days == 30


def test_severity_specific_norm_wins_over_a_general_one():
    norms = LocalNorms([LocalNorm("voksne", DECISION, "outpatient", 30),
                        LocalNorm("voksne", DECISION, "outpatient", 14, severity="serious")])
    assert norms.lookup("voksne", DECISION, "outpatient", "serious").days == 14


def test_general_norm_applies_when_no_severity_specific_one_exists():
    norms = LocalNorms([LocalNorm("voksne", DECISION, "outpatient", 30)])
    assert norms.lookup("voksne", DECISION, "outpatient", "serious").days == 30


@pytest.mark.parametrize(
    ("norm", "message"),
    [
        (LocalNorm("kreft", DECISION, "outpatient", 30), "unknown pathway 'kreft'"),
        (LocalNorm("voksne", "decision", "outpatient", 30), "unknown clock 'decision'"),
        (LocalNorm("voksne", DECISION, "home", 30), "setting must be one of"),
        (LocalNorm("voksne", DECISION, "outpatient", 30, severity="mild"), "unknown severity"),
        (LocalNorm("voksne", DECISION, "outpatient", -1), "days must be a whole number"),
    ],
)
def test_unusable_norms_are_refused(norm, message):
    with pytest.raises(ValueError, match=message):
        LocalNorms([norm])


def test_norm_unit_follows_the_clock():
    assert LocalNorm("voksne", "referral_to_assessment", "outpatient", 5).unit == "working_days"


def test_norm_sets_with_the_same_norms_are_equal():
    assert LocalNorms.from_dicts([NORM]) == LocalNorms.from_dicts([NORM])


def test_equal_norm_sets_hash_alike():
    assert hash(LocalNorms.from_dicts([NORM])) == hash(LocalNorms.from_dicts([NORM]))


def test_norm_sets_with_different_days_differ():
    assert LocalNorms.from_dicts([NORM]) != LocalNorms.from_dicts([{**NORM, "days": 43}])


def test_later_norm_for_the_same_key_replaces_the_earlier():
    norms = LocalNorms.from_dicts([NORM, {**NORM, "days": 50}])
    assert (len(norms), norms.lookup("voksne", DECISION, "outpatient").days) == (1, 50)
