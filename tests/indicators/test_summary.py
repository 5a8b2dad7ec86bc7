"""The maintained indicator summary: written with each registration, by every path."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forlop.indicators.selectors import member_ids, period_figures, year_figures
from forlop.kernel.indicators import parse_period
from forlop.pathways.models import IndicatorFact
from forlop.pathways.services import register_event
from forlop.pathways.services.correct import correct_event
from forlop.pathways.services.indicator_rebuild import differences, rebuild
from forlop.pathways.services.move import move_pathway
from forlop.pathways.services.recompute import recompute_open_states
from tests import factories

DECISION = "clinical_decision_within_time"
START = dt.date(2024, 3, 1)
TODAY = dt.date(2024, 6, 3)


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


def fact(pathway, indicator=DECISION):
    return IndicatorFact.objects.get(pathway=pathway, indicator=indicator)


def test_a_registration_writes_the_pathways_facts(decided):
    row = fact(decided)
    assert (row.placed_on, row.month, row.tertial) == (dt.date(2024, 4, 2), "2024-04",
                                                       "2024-T1")
    assert (row.met_month, row.met_tertial, row.cause, row.days) == (False, False,
                                                                     "service", 22)


def test_a_correction_rewrites_the_facts(decided, coordinator):
    wrong = decided.events.get(event="clinical_decision")
    correct_event(event=wrong, by=coordinator, reason="feil dato", on=dt.date(2024, 4, 1),
                  today=TODAY)
    assert fact(decided).met_month is True


def test_a_retracted_decision_takes_the_fact_away(decided, coordinator):
    wrong = decided.events.get(event="clinical_decision")
    correct_event(event=wrong, by=coordinator, reason="registrert på feil pasient",
                  retract=True, today=TODAY)
    assert not IndicatorFact.objects.filter(pathway=decided, indicator=DECISION).exists()


def test_a_move_takes_the_figures_to_the_new_unit(decided, org, coordinator):
    factories.user("flytter", role="coordinator", unit=org.unit_a2)
    from forlop.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=coordinator, role="coordinator", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    move_pathway(pathway=decided, to_unit=org.unit_a2, on=TODAY, by=coordinator,
                 reason="ny enhet", today=TODAY)
    assert fact(decided).unit_id == org.unit_a2.pk


def test_a_transfer_keeps_both_pathways_facts(decided, org, coordinator):
    from forlop.pathways.services.transfer import transfer_pathway

    received = transfer_pathway(pathway=decided, to_unit=org.unit_b, received_on=TODAY,
                                by=coordinator, today=TODAY)
    assert fact(decided).unit_id == org.unit_a.pk
    assert IndicatorFact.objects.filter(pathway=received).exists() is False  # nothing yet
    assert differences(today=TODAY) == []


def test_the_daily_recompute_keeps_the_facts(decided):
    before = list(IndicatorFact.objects.filter(pathway=decided).values_list(
        "indicator", "met_month", "cause"))
    recompute_open_states(today=TODAY + dt.timedelta(days=60), only_due=False)
    after = list(IndicatorFact.objects.filter(pathway=decided).values_list(
        "indicator", "met_month", "cause"))
    assert sorted(after) == sorted(before)


def test_period_figures_read_the_summary(decided, org):
    figures = period_figures([org.unit_a.pk], parse_period("2024-T1"))[DECISION]
    assert (figures["numerator"], figures["denominator"]) == (0, 1)
    assert figures["breaches"] == {"service_caused": 1, "patient_caused": 0}
    assert member_ids([org.unit_a.pk], parse_period("2024-T1"), DECISION,
                      which="breaches") == [decided.pk]


def test_year_figures_have_every_month_and_tertial(decided, org):
    year = year_figures(trust_id=org.trust_a.pk, year=2024)
    assert len(year) == 15
    assert year["2024-04"][DECISION]["denominator"] == 1
    assert year["2024-T1"][DECISION]["denominator"] == 1
    assert year["2024-T2"][DECISION]["denominator"] == 0


def test_check_agrees_after_registrations(decided):
    assert differences(today=TODAY) == []


def test_check_reports_a_tampered_row_and_rebuild_repairs_it(decided):
    IndicatorFact.objects.filter(pathway=decided, indicator=DECISION).update(met_month=True)
    found = differences(today=TODAY)
    assert len(found) == 1
    assert f"pathway {decided.pk} {DECISION}" in found[0]
    rebuild(today=TODAY)
    assert differences(today=TODAY) == []


def test_check_reports_a_missing_row(decided):
    IndicatorFact.objects.filter(pathway=decided, indicator=DECISION).delete()
    assert "stored nothing" in differences(today=TODAY)[0]


def test_the_check_command_exits_1_on_a_difference(decided):
    IndicatorFact.objects.filter(pathway=decided).delete()
    with pytest.raises(CommandError) as failure:
        call_command("indicators", "check")
    assert failure.value.returncode == 1


def test_the_rebuild_command_writes_every_row(decided, capsys):
    IndicatorFact.objects.all().delete()
    call_command("indicators", "rebuild")
    call_command("indicators", "check")
    assert "agrees" in capsys.readouterr().out
