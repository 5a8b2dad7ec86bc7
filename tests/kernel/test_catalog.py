"""The packaged catalog: rule sets, their periods, pathways and limits."""

from datetime import date

import pytest

from forlop.kernel import NoRuleSetError, UnknownRuleSetError, load_catalog
from forlop.kernel import vocabulary as v
from forlop.kernel.catalog_loader import DEFAULT_DIRECTORY

D = date.fromisoformat
CATALOG = load_catalog()


def test_default_catalog_is_loaded_once():
    assert load_catalog() is load_catalog()


def test_explicit_directory_is_loaded_fresh():
    assert load_catalog(DEFAULT_DIRECTORY) is not load_catalog()


def test_catalog_has_three_rule_sets_in_date_order():
    assert [r.id for r in CATALOG.rulesets] == ["pakkeforlop-2019", "npf-2023", "npf-revised"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2019-01-01", "pakkeforlop-2019"),
        ("2022-12-31", "pakkeforlop-2019"),
        ("2023-01-01", "npf-2023"),
        ("2024-12-31", "npf-2023"),
        ("2025-01-01", "npf-revised"),
        ("2040-06-01", "npf-revised"),
    ],
)
def test_ruleset_for_start_date(day, expected):
    assert CATALOG.ruleset_for(D(day)).id == expected


def test_ruleset_for_a_date_before_2019_names_the_date():
    with pytest.raises(NoRuleSetError, match="2018-12-31"):
        CATALOG.ruleset_for(D("2018-12-31"))


def test_ruleset_by_id():
    assert CATALOG.ruleset("npf-2023").name == "Nasjonale pasientforløp for psykisk helse og rus"


def test_unknown_ruleset_id_lists_known_ids():
    with pytest.raises(UnknownRuleSetError, match="known: pakkeforlop-2019, npf-2023"):
        CATALOG.ruleset("npf-1999")


@pytest.mark.parametrize("ruleset", CATALOG.rulesets, ids=lambda r: r.id)
def test_every_ruleset_defines_all_seven_pathways(ruleset):
    assert tuple(ruleset.pathways) == v.PATHWAY_KEYS


@pytest.mark.parametrize(
    ("ruleset_id", "start_rule"),
    [
        ("pakkeforlop-2019", "referral_received"),
        ("npf-2023", "referral_received"),
        ("npf-revised", "referral_assessed_right_granted"),
    ],
)
def test_start_rules(ruleset_id, start_rule):
    assert CATALOG.ruleset(ruleset_id).start_rule == start_rule


def test_npf_revised_start_date_is_marked_unconfirmed():
    assert CATALOG.ruleset("npf-revised").valid_from_confirmed is False


@pytest.mark.parametrize(
    ("pathway", "code"), [("voksne", "D11"), ("barn_unge", "D12"), ("tsb", "D01")]
)
def test_confirmed_type_codes(pathway, code):
    definition = CATALOG.ruleset("npf-2023").pathways[pathway]
    assert (definition.type_code, definition.type_code_confirmed) == (code, True)


@pytest.mark.parametrize("pathway", ["psykose", "spiseforstyrrelser", "ocd", "gravide"])
def test_unverified_type_codes_are_absent_and_unconfirmed(pathway):
    definition = CATALOG.ruleset("npf-2023").pathways[pathway]
    assert (definition.type_code, definition.type_code_confirmed) == (None, False)


def test_contracted_specialist_closure_is_new_in_2023():
    outcomes = CATALOG.ruleset("pakkeforlop-2019").closure_outcomes
    assert "transferred_contracted_specialist" not in outcomes


def test_contracted_specialist_closure_is_confirmed_in_2023():
    outcomes = CATALOG.ruleset("npf-2023").closure_outcomes
    assert outcomes["transferred_contracted_specialist"].confirmed


@pytest.mark.parametrize("ruleset", CATALOG.rulesets, ids=lambda r: r.id)
def test_adult_pathway_has_only_the_legal_assessment_limit(ruleset):
    clocks = {limit.clock for limit in ruleset.pathways["voksne"].limits}
    assert clocks == {"referral_to_assessment"}


@pytest.mark.parametrize("ruleset", CATALOG.rulesets, ids=lambda r: r.id)
def test_child_limits_are_secondary_and_unconfirmed(ruleset):
    limits = [lim for lim in ruleset.pathways["barn_unge"].limits if lim.basis == "secondary"]
    assert [lim.confirmed for lim in limits] == [False, False, False]


def test_revised_limits_are_all_unconfirmed():
    ruleset = CATALOG.ruleset("npf-revised")
    assert not any(lim.confirmed for p in ruleset.pathways.values() for lim in p.limits)


def test_every_limit_names_a_source():
    limits = [lim for r in CATALOG.rulesets for p in r.pathways.values() for lim in p.limits]
    assert all(lim.source for lim in limits)


def test_limit_lookup_prefers_the_severity():
    limit = CATALOG.ruleset("npf-2023").limit(
        "spiseforstyrrelser", "referral_to_first_attendance", "outpatient", "less_serious")
    assert limit.days == 28


def test_strictest_limit_is_the_shortest_severity():
    limit = CATALOG.ruleset("npf-2023").strictest_limit(
        "spiseforstyrrelser", "referral_to_first_attendance", "inpatient")
    assert (limit.days, limit.severity) == (7, "serious")


def test_limit_lookup_without_a_limit_is_none():
    assert CATALOG.ruleset("npf-2023").limit("voksne", "evaluation_interval", "outpatient") is None


def test_common_limit_reaches_every_pathway_in_both_settings():
    ruleset = CATALOG.ruleset("npf-2023")
    found = {(p, s): ruleset.limit(p, "referral_to_assessment", s).days
             for p in v.PATHWAY_KEYS for s in v.SETTINGS}
    assert set(found.values()) == {10}


def test_assessment_limit_counts_working_days():
    limit = CATALOG.ruleset("npf-2023").limit("tsb", "referral_to_assessment", "outpatient")
    assert limit.unit == "working_days"


def test_pathway_names_exist_in_both_written_languages():
    pathway = CATALOG.ruleset("npf-2023").pathways["spiseforstyrrelser"]
    assert (pathway.name_nb, pathway.name_nn) == (
        "Spiseforstyrrelser hos barn og unge", "Spiseforstyrringar hos barn og unge")


def test_catalog_lists_pathway_keys_once():
    assert CATALOG.pathway_keys == v.PATHWAY_KEYS
