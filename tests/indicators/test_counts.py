"""The counts beside the facts (ADR 62): the database's triggers keep them equal to
the facts grouped, through every kind of write; ``forlop indicators check`` finds a
difference and ``rebuild`` repairs it."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forlop.accounts.models import RoleAssignment
from forlop.indicators import counts
from forlop.indicators.models import IndicatorCount, IndicatorDays
from forlop.indicators.selectors import days_distribution, period_rows, period_rows_from_facts
from forlop.kernel.indicators import parse_period
from forlop.pathways.models import IndicatorFact
from forlop.pathways.services import register_event
from forlop.pathways.services.correct import correct_event
from forlop.pathways.services.move import move_pathway
from tests import factories
from tests.indicators.test_summary import DECISION, START, TODAY

APRIL = parse_period("2024-04")


@pytest.fixture
def decided(org, coordinator):
    """TSB outpatient in unit A: attended 11.3., decided (CP) 2.4., one day late."""
    made = factories.pathway(patient=factories.patient(), unit=org.unit_a, by=coordinator,
                             today=TODAY, started_on=START)
    register_event(pathway=made, event="first_attendance", on=dt.date(2024, 3, 11),
                   by=coordinator, today=TODAY)
    register_event(pathway=made, event="clinical_decision", on=dt.date(2024, 4, 2),
                   outcome="CP", by=coordinator, today=TODAY)
    return made


def agree():
    assert counts.differences() == []
    for period in (APRIL, parse_period("2024-T1"), parse_period("2024-03")):
        assert sorted(period_rows(None, period)) == sorted(period_rows_from_facts(None, period))


def decision_count(**where):
    return sum(IndicatorCount.objects.filter(indicator=DECISION, **where)
               .values_list("n", flat=True))


def test_a_registration_adds_to_the_counts(decided, org):
    assert decision_count(unit_id=org.unit_a.pk, month="2024-04", met_month=False) == 1
    assert days_distribution([org.unit_a.pk], APRIL) == {22: 1}
    agree()


def test_a_correction_moves_the_count_and_leaves_no_empty_row(decided, org, coordinator):
    wrong = decided.events.get(event="clinical_decision")
    correct_event(event=wrong, by=coordinator, reason="feil dato", on=dt.date(2024, 4, 1),
                  today=TODAY)
    assert decision_count(month="2024-04", met_month=True) == 1
    assert not IndicatorCount.objects.filter(indicator=DECISION, met_month=False).exists()
    assert days_distribution([org.unit_a.pk], APRIL) == {21: 1}
    assert not IndicatorCount.objects.filter(n__lte=0).exists()
    assert not IndicatorDays.objects.filter(n__lte=0).exists()
    agree()


def test_a_retraction_takes_the_count_away(decided, coordinator):
    wrong = decided.events.get(event="clinical_decision")
    correct_event(event=wrong, by=coordinator, reason="feil pasient", retract=True,
                  today=TODAY)
    assert decision_count() == 0
    agree()


def test_a_move_takes_the_count_to_the_new_unit(decided, org, coordinator):
    RoleAssignment.objects.create(user=coordinator, role="coordinator", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    move_pathway(pathway=decided, to_unit=org.unit_a2, on=TODAY, by=coordinator,
                 reason="ny enhet", today=TODAY)
    assert decision_count(unit_id=org.unit_a.pk) == 0
    assert decision_count(unit_id=org.unit_a2.pk) == 1
    assert days_distribution([org.unit_a2.pk], APRIL) == {22: 1}
    agree()


def test_deleting_a_pathway_takes_its_counts(decided):
    IndicatorFact.objects.filter(pathway=decided).delete()
    assert not IndicatorCount.objects.exists() and not IndicatorDays.objects.exists()
    agree()


def test_check_finds_a_wrong_count_and_rebuild_repairs_it(decided, capsys):
    IndicatorCount.objects.filter(indicator=DECISION).update(n=5)
    with pytest.raises(CommandError):
        call_command("indicators", "check", "--today", TODAY.isoformat())
    assert "indicatorcount" in capsys.readouterr().out
    call_command("indicators", "rebuild", "--today", TODAY.isoformat())
    call_command("indicators", "check", "--today", TODAY.isoformat())
    agree()
