"""check_catalog names each kind of problem in rule-set files (bad files in tmp_path)."""

from pathlib import Path

import pytest

from forlop.kernel import CatalogError, check_catalog, load_catalog
from forlop.kernel.catalog_loader import DEFAULT_DIRECTORY, parse_ruleset

NPF_2023 = (DEFAULT_DIRECTORY / "npf-2023.toml").read_text(encoding="utf-8")
RULESET_2019 = (DEFAULT_DIRECTORY / "pakkeforlop-2019.toml").read_text(encoding="utf-8")
REVISED = (DEFAULT_DIRECTORY / "npf-revised.toml").read_text(encoding="utf-8")
TSB_SOURCE_LINE = next(line for line in NPF_2023.splitlines() if "rusbehandling-tsb" in line)


def edit(text: str, old: str, new: str) -> str:
    """Replace the first ``old``; the fixture text must contain it."""
    assert old in text, f"fixture text lacks {old!r}"
    return text.replace(old, new, 1)


def write(directory: Path, **files: str) -> Path:
    for name, text in files.items():
        (directory / f"{name.replace('_', '-')}.toml").write_text(text, encoding="utf-8")
    return directory


def test_packaged_catalog_has_no_problems():
    assert check_catalog(DEFAULT_DIRECTORY) == []


def test_a_valid_copy_has_no_problems(tmp_path):
    assert check_catalog(write(tmp_path, npf_2023=NPF_2023)) == []


BROKEN_NPF_2023 = {
    "missing field": (
        lambda t: edit(t, 'name = "Nasjonale', 'title = "Nasjonale'),
        "npf-2023.toml: missing field 'name'"),
    "unknown top-level field": (
        lambda t: edit(t, 'name = "Nasjonale', 'title = "x"\nname = "Nasjonale'),
        "npf-2023.toml: unknown field 'title'"),
    "unknown clock in a limit": (
        lambda t: edit(t, 'clock = "detox_to_treatment"', 'clock = "detox"'),
        "pathways.tsb.limits[2]: unknown clock 'detox'"),
    "unknown clock in a pathway's clock list": (
        lambda t: edit(t, 'clocks = ["first_attendance_to_clinical_decision", "detox',
                       'clocks = ["first_visit", "first_attendance_to_clinical_decision", "detox'),
        "pathways.tsb: unknown clock 'first_visit' in clocks"),
    "limit for a clock the pathway does not list": (
        lambda t: edit(t, 'clock = "detox_to_treatment"', 'clock = "referral_to_first_attendance"'),
        "pathways.tsb.limits[2]: clock 'referral_to_first_attendance' is not listed"),
    "limit without source": (
        lambda t: edit(t, TSB_SOURCE_LINE, 'source = ""'),
        "pathways.tsb.limits[0]: limit has no source"),
    "negative days": (
        lambda t: edit(t, "days = 21", "days = -21"),
        "pathways.tsb.limits[0]: days must not be negative, got -21"),
    "days not a number": (
        lambda t: edit(t, "days = 21", 'days = "21"'),
        "pathways.tsb.limits[0]: days must be a whole number, got '21'"),
    "unknown pathway key": (
        lambda t: t.replace("pathways.gravide", "pathways.gravid"),
        "npf-2023.toml: unknown pathway key 'gravid'"),
    "missing pathway": (
        lambda t: t.replace("pathways.gravide", "pathways.gravid"),
        "npf-2023.toml: pathway 'gravide' is missing"),
    "unknown setting": (
        lambda t: edit(t, 'setting = "outpatient"\ndays = 21', 'setting = "ambulant"\ndays = 21'),
        "pathways.tsb.limits[0]: setting must be one of outpatient, inpatient, got 'ambulant'"),
    "unknown severity": (
        lambda t: edit(t, 'severity = "serious"', 'severity = "grave"'),
        "pathways.spiseforstyrrelser.limits[0]: severity must be one of serious, less_serious"),
    "unknown basis": (
        lambda t: edit(t, 'days = 21\nbasis = "national"', 'days = 21\nbasis = "regional"'),
        "pathways.tsb.limits[0]: basis must be one of national, secondary, got 'regional'"),
    "unknown unit": (
        lambda t: edit(t, "days = 21\n", 'days = 21\nunit = "weeks"\n'),
        "pathways.tsb.limits[0]: unit must be one of calendar_days, working_days, got 'weeks'"),
    "unknown limit field": (
        lambda t: edit(t, "days = 21\n", "days = 21\nconfimed = true\n"),
        "pathways.tsb.limits[0]: unknown field 'confimed'"),
    "confirmed secondary limit": (
        lambda t: edit(t, 'basis = "secondary"\nconfirmed = false',
                       'basis = "secondary"\nconfirmed = true'),
        "pathways.barn_unge.limits[0]: a limit with basis 'secondary' cannot be confirmed"),
    "confirmed flag missing": (
        lambda t: edit(t, "days = 21\nbasis = \"national\"\nconfirmed = true\n",
                       "days = 21\nbasis = \"national\"\n"),
        "pathways.tsb.limits[0]: missing field 'confirmed' (true or false)"),
    "duplicate limit": (
        lambda t: edit(t, "[[pathways.tsb.limits]]", "[[pathways.tsb.limits]]\n"
                       'clock = "detox_to_treatment"\nsetting = "inpatient"\ndays = 0\n'
                       'basis = "national"\nconfirmed = true\nsource = "x"\n\n'
                       "[[pathways.tsb.limits]]"),
        "pathways.tsb.limits[4]: duplicate limit for clock 'detox_to_treatment'"),
    "unknown start rule": (
        lambda t: edit(t, 'start_rule = "referral_received"', 'start_rule = "first_attendance"'),
        "npf-2023.toml: start_rule must be one of referral_received, "
        "referral_assessed_right_granted, got 'first_attendance'"),
    "date written as text": (
        lambda t: edit(t, "valid_from = 2023-01-01", 'valid_from = "2023-01-01"'),
        "npf-2023.toml: valid_from must be a TOML date without quotes, got '2023-01-01'"),
    "valid_to before valid_from": (
        lambda t: edit(t, "valid_to = 2024-12-31", "valid_to = 2022-12-31"),
        "npf-2023.toml: valid_to 2022-12-31 is before valid_from 2023-01-01"),
    "missing source table": (
        lambda t: edit(t, "[source]\ntitle", "[origin]\ntitle"),
        "npf-2023.toml: missing [source] table with title and url"),
    "missing event code": (
        lambda t: edit(t, "[events.evaluation]", "[events.evaluated]"),
        "npf-2023.toml: events.evaluation is missing"),
    "unknown event code": (
        lambda t: edit(t, "[events.evaluation]", "[events.evaluated]"),
        "npf-2023.toml: events.evaluated: unknown key"),
    "missing clinical decision": (
        lambda t: edit(t, "[clinical_decisions.CU]", "[clinical_decisions.CX]"),
        "npf-2023.toml: clinical_decisions.CU is missing"),
    "unknown closure outcome": (
        lambda t: edit(t, "[closure_outcomes.died]", "[closure_outcomes.deceased]"),
        "npf-2023.toml: closure_outcomes.deceased: unknown key"),
    "code without source": (
        lambda t: edit(t, '[events.evaluation]\nconfirmed = false\n'
                       'source = "DESIGN.md (unverified)"',
                       "[events.evaluation]\nconfirmed = false"),
        "npf-2023.toml: events.evaluation: missing field 'source'"),
    "confirmed type code that is absent": (
        lambda t: edit(t, "type_code_confirmed = false", "type_code_confirmed = true"),
        "pathways.psykose: type_code_confirmed is true but type_code is missing"),
    "missing Nynorsk name": (
        lambda t: edit(t, 'name_nn = "Tverrfagleg', 'name_en = "Tverrfagleg'),
        "pathways.tsb: missing field 'name_nn'"),
    "common limit for a pathway clock": (
        lambda t: edit(t, 'clock = "referral_to_assessment"', 'clock = "evaluation_interval"'),
        "common_limits[0]: clock 'evaluation_interval' is not listed"),
    "leaving out a clock that is not universal": (
        lambda t: edit(t, 'without_clocks = ["referral_to_assessment"]',
                       'without_clocks = ["evaluation_interval"]'),
        "pathways.ocd: without_clocks must list universal clocks"),
    "leaving out a clock without a source": (
        lambda t: edit(t, "without_clocks_source =", "without_clocks_note ="),
        "pathways.ocd: missing field 'without_clocks_source'"),
    "invalid TOML": (
        lambda t: t + "\n[pathways\n",
        "npf-2023.toml: not valid TOML"),
}


@pytest.mark.parametrize(
    ("mutate", "expected"), BROKEN_NPF_2023.values(), ids=BROKEN_NPF_2023.keys()
)
def test_check_catalog_names_the_problem(tmp_path, mutate, expected):
    problems = check_catalog(write(tmp_path, npf_2023=mutate(NPF_2023)))
    assert any(expected in problem for problem in problems), problems


def test_id_must_match_the_file_name(tmp_path):
    (tmp_path / "npf-2024.toml").write_text(NPF_2023, encoding="utf-8")
    assert check_catalog(tmp_path) == [
        "npf-2024.toml: id 'npf-2023' must match the file name 'npf-2024'"]


def test_overlapping_periods(tmp_path):
    overlapping = edit(RULESET_2019, "valid_to = 2022-12-31", "valid_to = 2023-03-31")
    problems = check_catalog(write(tmp_path, pakkeforlop_2019=overlapping, npf_2023=NPF_2023))
    assert problems == [
        "pakkeforlop-2019.toml and npf-2023.toml: validity periods overlap "
        "(pakkeforlop-2019.toml ends 2023-03-31, npf-2023.toml starts 2023-01-01)"]


def test_gap_between_periods(tmp_path):
    problems = check_catalog(write(tmp_path, pakkeforlop_2019=RULESET_2019, npf_revised=REVISED))
    assert problems == [
        "pakkeforlop-2019.toml and npf-revised.toml: gap between validity periods "
        "(pakkeforlop-2019.toml ends 2022-12-31, npf-revised.toml starts 2025-01-01)"]


def test_open_ended_rule_set_followed_by_another(tmp_path):
    open_ended = edit(RULESET_2019, "valid_to = 2022-12-31\n", "")
    problems = check_catalog(write(tmp_path, pakkeforlop_2019=open_ended, npf_2023=NPF_2023))
    assert problems == [
        "pakkeforlop-2019.toml: open-ended (no valid_to) but npf-2023.toml starts later "
        "on 2023-01-01; periods overlap"]


def test_duplicate_ids(tmp_path):
    (tmp_path / "a-copy.toml").write_text(NPF_2023, encoding="utf-8")
    (tmp_path / "npf-2023.toml").write_text(NPF_2023, encoding="utf-8")
    problems = check_catalog(tmp_path)
    assert "npf-2023.toml: id 'npf-2023' is also used by a-copy.toml" in problems


def test_empty_directory(tmp_path):
    assert check_catalog(tmp_path) == [f"{tmp_path}: no rule set files (*.toml) found"]


def test_missing_directory(tmp_path):
    assert check_catalog(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: not a directory"]


def test_load_catalog_refuses_a_broken_directory(tmp_path):
    write(tmp_path, npf_2023=edit(NPF_2023, "days = 21", "days = -21"))
    with pytest.raises(CatalogError, match="days must not be negative"):
        load_catalog(tmp_path)


def test_catalog_error_lists_every_problem(tmp_path):
    text = edit(edit(NPF_2023, "days = 21", "days = -21"), "days = 7", "days = -7")
    write(tmp_path, npf_2023=text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    assert len(caught.value.problems) == 2


def test_a_single_valid_file_loads_as_a_catalog(tmp_path):
    catalog = load_catalog(write(tmp_path, npf_2023=NPF_2023))
    assert [r.id for r in catalog.rulesets] == ["npf-2023"]


def test_parse_ruleset_refuses_bad_data():
    with pytest.raises(CatalogError, match="missing \\[pathways\\] table"):
        parse_ruleset({"id": "x"})
