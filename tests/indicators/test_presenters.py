"""Display rules of the indicator pages, without the database."""

import datetime as dt

import pytest

from forlop.indicators.presenters import (
    Cell,
    day_buckets,
    meets_target,
    percent,
    period_choices,
    period_label,
    tables,
)
from forlop.indicators.scope import Group
from forlop.kernel.indicators import parse_period

DECISION = "clinical_decision_within_time"


def test_percent_uses_a_decimal_comma():
    assert (percent(0.8), percent(2 / 3), percent(None)) == ("80,0 %", "66,7 %", "–")


@pytest.mark.parametrize(("own", "n", "d", "hidden"), [
    (True, 1, 2, False), (False, 1, 2, True), (False, 0, 5, False), (False, 4, 20, True),
    (False, 5, 20, False),
])
def test_cells_outside_the_readers_units_hide_small_numbers(own, n, d, hidden):
    assert Cell(n, d, d - n, 0, own).hidden is hidden


def test_a_small_breach_count_is_hidden_outside_the_unit():
    cell = Cell(16, 20, 3, 1, own=False)
    assert (cell.percent, cell.service_text, cell.patient_text) == ("80,0 %", "", "")
    assert Cell(16, 20, 3, 1, own=True).service_text == "3"


def test_target_is_reversed_for_the_referral_indicator():
    assert meets_target(DECISION, 0.8) is True
    assert meets_target("referrals_not_assessed_within_10_working_days", 0.25) is False
    assert meets_target("referrals_not_assessed_within_10_working_days", 0.2) is True


def test_period_labels():
    assert period_label(parse_period("2024-T1")) == "1. tertial 2024"
    assert period_label(parse_period("2024-10")) == "oktober 2024"


def test_period_choices_stop_at_today_and_put_tertials_first():
    keys = [k for k, _label in period_choices(dt.date(2026, 5, 10))]
    assert keys[:5] == ["2026-T2", "2026-T1", "2025-T3", "2025-T2", "2025-T1"]
    assert "2026-06" not in keys
    assert "2026-05" in keys


def test_days_fall_into_weekly_buckets():
    buckets = day_buckets({0: 1, 7: 2, 8: 1, 60: 4})
    assert [(b.label, b.count) for b in buckets][:2] == [("0–7", 3), ("8–14", 1)]
    assert buckets[-1].count == 4


def test_only_own_groups_get_drill_down_links(db):
    rows = [(DECISION, 1, "tsb", True, "service", 6), (DECISION, 2, "tsb", False, "service", 1)]
    groups = [Group("unit:1", "unit", "A", frozenset({1}), True),
              Group("trust:1", "trust", "HF", frozenset({1, 2}), False)]
    table = next(t for t in tables(rows, groups, parse_period("2024-T1")) if t.key == DECISION)
    unit, trust = table.rows
    assert set(unit.links) == {"teller", "nevner", "brudd"}
    assert (trust.links, trust.cell.hidden, trust.cell.percent) == ({}, False, "85,7 %")
