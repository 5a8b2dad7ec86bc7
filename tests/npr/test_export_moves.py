"""The NPR export and unit moves (ADR 61): each event is reported by the unit the
pathway was in on the event's day, not by the unit it is in now."""

import datetime as dt

from forlop.accounts.models import RoleAssignment
from forlop.npr import pak
from forlop.pathways.services import register_event
from forlop.pathways.services.move import move_pathway
from tests.conftest import TODAY
from tests.npr.conftest import clean
from tests.npr.test_export_command import export

D = dt.timedelta


def moved(org, coordinator):
    """A pathway of unit A (referral, start, first attendance), moved to unit A2 ten
    days ago, then an evaluation in A2."""
    RoleAssignment.objects.create(user=coordinator, role="clinician", unit=org.unit_a2,
                                  valid_from=dt.date(2020, 1, 1))
    pathway = clean(org, coordinator)  # started TODAY - 30, attended TODAY - 20
    move_pathway(pathway=pathway, to_unit=org.unit_a2, on=TODAY - D(days=10), by=coordinator,
                 reason="Nærmere hjemmet", today=TODAY)
    register_event(pathway=pathway, event="evaluation", on=TODAY - D(days=5), by=coordinator,
                   today=TODAY)
    return pathway


def exported(tmp_path, unit):
    status, _out, err, target = export(tmp_path, "--unit", unit.resh_id)
    assert (status, err) == (0, "")
    return pak.parse(target.read_bytes()).records


def test_each_unit_exports_the_events_of_its_own_days(tmp_path, org, coordinator):
    pathway = moved(org, coordinator)
    (old,) = exported(tmp_path, org.unit_a)
    assert (old.id, old.unit) == (str(pathway.pk), org.unit_a.resh_id)
    assert [e["event"] for e in old.events] == ["referral_received", "pathway_start",
                                                "first_attendance"]
    (new,) = exported(tmp_path, org.unit_a2)
    assert (new.id, new.unit) == (str(pathway.pk), org.unit_a2.resh_id)
    assert [e["event"] for e in new.events] == ["evaluation"]


def test_an_event_on_the_day_of_the_move_belongs_to_the_new_unit(tmp_path, org, coordinator):
    pathway = moved(org, coordinator)
    register_event(pathway=pathway, event="treatment_plan", on=TODAY - D(days=10),
                   by=coordinator, today=TODAY, data={"together_with_patient": True})
    (old,) = exported(tmp_path, org.unit_a)
    assert "treatment_plan" not in [e["event"] for e in old.events]
    (new,) = exported(tmp_path, org.unit_a2)
    assert [e["event"] for e in new.events] == ["treatment_plan", "evaluation"]


def test_a_pathway_moved_away_and_back_reports_both_stays(tmp_path, org, coordinator):
    pathway = moved(org, coordinator)
    move_pathway(pathway=pathway, to_unit=org.unit_a, on=TODAY - D(days=2), by=coordinator,
                 reason="Tilbake etter avklaring", today=TODAY)
    register_event(pathway=pathway, event="clinical_decision", on=TODAY - D(days=1),
                   outcome="CP", by=coordinator, today=TODAY)
    (back,) = exported(tmp_path, org.unit_a)
    assert [e["event"] for e in back.events] == ["referral_received", "pathway_start",
                                                 "first_attendance", "clinical_decision"]
    (middle,) = exported(tmp_path, org.unit_a2)
    assert [e["event"] for e in middle.events] == ["evaluation"]


def test_together_the_units_export_every_event_once(tmp_path, org, coordinator):
    """The round trip with a move: the two files hold the pathway's events exactly."""
    from forlop.kernel.npr_lint import parse_period
    from forlop.npr.selectors import records_for
    from forlop.pathways.models import Pathway

    pathway = moved(org, coordinator)
    (record,) = records_for(Pathway.objects.filter(pk=pathway.pk))
    period = parse_period(f"{TODAY.year}-T2")
    both = [e for unit in (org.unit_a, org.unit_a2) for e in exported(tmp_path, unit)[0].events]
    assert sorted(both, key=lambda e: e["date"]) == pak.exported_events(record, period)


def test_unit_spans():
    day = dt.date
    moves = [(day(2024, 3, 1), "A", "B"), (day(2024, 4, 1), "B", "A"),
             (day(2024, 4, 1), "A", "C")]
    assert pak.unit_spans("A", "A", moves) == [(dt.date.min, day(2024, 2, 29))]
    assert pak.unit_spans("B", "A", moves) == [(day(2024, 3, 1), day(2024, 3, 31))]
    assert pak.unit_spans("C", "A", moves) == [(day(2024, 4, 1), None)]
    assert pak.unit_spans("D", "A", moves) == []
    assert pak.unit_spans("A", "A", []) == [(dt.date.min, None)]
