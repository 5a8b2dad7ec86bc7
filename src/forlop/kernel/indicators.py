"""The five pathway indicators of DESIGN.md §3: one computation, for every caller.

Two steps, both pure:

1. ``pathway_facts``: what one pathway contributes to each indicator, read from its
   kernel ``Evaluation`` (the clocks are the kernel's, never re-derived here) and its
   timeline. A ``Fact`` says on which day the pathway is *placed* in a period (its
   stop event), from which day it counts in the numerator (``counted_on``), to whom a
   breach is attributed and how many days the clock ran. Facts do not depend on the
   period asked for, so the database stores them (the maintained summary) and
   aggregates them with SQL the same way ``compute`` does here.
2. ``compute``: the figures of a period (month ``2024-10`` or tertial ``2024-T1``)
   over many pathways' facts: numerator, denominator, breach split, by unit, by
   type, and the ids in numerator and denominator.

Where Helsedirektoratet's own computation text was not available, the rule is *our
reading*. Every such rule is one row of ``READINGS`` below (and docs/indicators.md
explains each with its source): correcting one is a change here, and only here.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .care_setting import Change, SettingPeriods
from .evaluation import Evaluation, evaluate
from .events import normalise_events
from .timeline import Timeline

# The keys of DESIGN.md §3, in the order pages show them.
INDICATORS = (
    "clinical_decision_within_time",
    "first_evaluation_within_time",
    "treatment_plan_with_patient",
    "referral_to_first_attendance_within_time",
    "referrals_not_assessed_within_10_working_days",
)
# Indicators where a high share is good, with the national target (C: 80 %).
TARGET = 0.8
LOWER_IS_BETTER = frozenset({"referrals_not_assessed_within_10_working_days"})
# Published cells below these are suppressed outside the unit (C); the computation
# itself never suppresses.
SUPPRESS_DENOMINATOR_BELOW = 5
SUPPRESS_NUMERATOR = range(1, 5)


@dataclass(frozen=True, slots=True)
class Reading:
    """One rule of the computation: ``C`` stated by Helsedirektoratet, ``I`` ours."""

    key: str
    status: str  # "C" | "I"
    rule: str
    source: str


# The definitions, stated once. Code below refers to these keys in comments.
READINGS = (
    Reading("due_day_within", "C", "a stop event on the due day is within time (due = start "
            "+ N calendar days)", "Forløpstider: 'inntil N kalenderdager' (helsedirektoratet.no)"),
    Reading("tertials", "C", "tertials are T1 January-April, T2 May-August, T3 "
            "September-December", "helsedirektoratet.no, statistikk fra NPR (tertial reports)"),
    Reading("months", "I", "months are calendar months", "our reading"),
    Reading("placed_by_stop", "I", "a pathway falls in the period of the indicator's stop "
            "event: first clinical decision, first evaluation, first CP/CT/CS decision, "
            "first attendance, referral assessment", "our reading (DESIGN.md §3)"),
    Reading("counted_bases", "I", "a time counts when its limit is national or from a "
            "secondary source; local norms are never counted", "our reading: the 2020 figures "
            "for children and adults (helsedirektoratet.no) show these types were measured"),
    Reading("decision_exclusion", "C", "excluded: a direct right to treatment with a "
            "clarified condition", "helsedirektoratet.no/statistikk/statistikk-fra-npr/"
            "nasjonale-forlop-psykisk-helse-rus"),
    Reading("decision_exclusion_read", "I", "read as: a first clinical decision with no first "
            "attendance on or before it", "our reading"),
    Reading("first_decision", "I", "decision time uses the first clinical decision, CU "
            "included; pathways closed before a decision are not counted", "our reading"),
    Reading("evaluation_outpatient", "C", "first evaluation is measured for outpatient "
            "treatment", "helsedirektoratet.no kvalitetsindikator 'Forløpstid for evaluering "
            "av behandling i poliklinikk'"),
    Reading("evaluation_setting", "I", "outpatient = the setting in force on the day of the "
            "first CP/CT/CS decision", "our reading"),
    Reading("plan_by_period_end", "I", "the plan counts when a treatment_plan with "
            "together_with_patient true is dated on or before the period's end",
            "our reading"),
    Reading("plan_no_patient_delay", "I", "a missing plan is a service-caused shortfall "
            "(patient delay applies to decision and evaluation times only)", "our reading"),
    Reading("assessment_day", "I", "the referral assessment day is referral_assessed, else "
            "the first event that proves it (the kernel's clock)", "our reading "
            "(ADR 0011/kernel windows)"),
    Reading("patient_delay", "C", "with code L the time is still measured and the pathway "
            "stays in the denominator", "DESIGN.md §3 (Helsedirektoratet kodeveileder)"),
    Reading("patient_delay_attribution", "I", "a late stop is patient-caused when an L is "
            "dated within [clock start, stop], else service-caused", "our reading"),
    Reading("sum_not_average", "I", "higher levels sum numerators and denominators, never "
            "average percentages", "our reading"),
    Reading("unit", "I", "a pathway counts for the unit responsible for it now",
            "our reading"),
    Reading("suppression", "C", "published cells with denominator under 5 or numerator 1-4 "
            "are not shown outside the unit", "DESIGN.md §3"),
)
READING = {r.key: r for r in READINGS}

# counted_bases (I)
COUNTED_BASES = frozenset({"national", "secondary"})
# The clock behind each time indicator.
CLOCK_OF = {
    "clinical_decision_within_time": ("first_attendance_to_clinical_decision",),
    "first_evaluation_within_time": ("clinical_decision_to_first_evaluation",),
    "referral_to_first_attendance_within_time": (
        "referral_to_first_attendance", "ocd_team_referral_to_first_attendance"),
    "referrals_not_assessed_within_10_working_days": ("referral_to_assessment",),
}


@dataclass(frozen=True, slots=True)
class Fact:
    """What one pathway contributes to one indicator, whatever the period.

    ``placed_on``: the stop event's day, which places it in a period (denominator).
    ``counted_on``: from this day on it is in the numerator (None: never).
    ``cause``: who a breach is attributed to, ``service`` or ``patient``.
    ``days``: calendar days from the clock's start to the stop (None: no clock).
    """

    indicator: str
    placed_on: date
    counted_on: date | None
    cause: str = "service"
    days: int | None = None


def pathway_facts(evaluation: Evaluation, events: Iterable) -> tuple[Fact, ...]:
    """The facts of one evaluated pathway. ``events`` are those it was evaluated on
    (the kernel's dicts or ``Event``s). An invalid evaluation contributes nothing."""
    if not evaluation.valid:
        return ()
    entries, _errors = normalise_events(events)
    timeline = Timeline.build(entries)
    clocks = {c.clock: c for c in evaluation.clocks if c.n is None or c.n == 1}
    found: list[Fact] = []
    decision = _decision_fact(timeline, clocks)
    if decision:
        found.append(decision)
    evaluation_fact = _evaluation_fact(timeline, clocks, evaluation)
    if evaluation_fact:
        found.append(evaluation_fact)
    plan = _plan_fact(entries, timeline)
    if plan:
        found.append(plan)
    for key in ("referral_to_first_attendance_within_time",
                "referrals_not_assessed_within_10_working_days"):
        fact = _clock_fact(key, clocks)
        if fact:
            found.append(fact)
    return tuple(found)


def _timed(clock) -> bool:
    return (clock is not None and clock.done is not None and clock.due is not None
            and clock.basis in COUNTED_BASES)


def _met(key: str, clock) -> Fact:
    met = clock.status == "met"
    late = not met
    counted = late if key in LOWER_IS_BETTER else met
    return Fact(key, clock.done, clock.done if counted else None,
                "patient" if late and clock.patient_caused else "service",
                (clock.done - clock.start).days)


def _decision_fact(timeline: Timeline, clocks) -> Fact | None:
    if not timeline.decisions:
        return None  # first_decision: closed before a decision, not counted
    first_decision = timeline.decisions[0][0]
    clock = clocks.get("first_attendance_to_clinical_decision")
    # decision_exclusion_read: no first attendance on or before the first decision
    if not _timed(clock) or clock.done != first_decision:
        return None
    return _met("clinical_decision_within_time", clock)


def _evaluation_fact(timeline: Timeline, clocks, evaluation: Evaluation) -> Fact | None:
    clock = clocks.get("clinical_decision_to_first_evaluation")
    if not _timed(clock):
        return None
    periods = SettingPeriods(evaluation.spec.setting,
                             tuple(Change(*c) for c in timeline.setting_changes))
    if periods.on(clock.start) != "outpatient":  # evaluation_setting
        return None
    return _met("first_evaluation_within_time", clock)


def _plan_fact(entries, timeline: Timeline) -> Fact | None:
    decided = timeline.treatment_decision
    if decided is None:
        return None
    end = timeline.end
    plans = [e.event.date for e in entries if e.event.event == "treatment_plan"
             and e.event.attributes.get("together_with_patient") is True
             and (end is None or e.event.date <= end)]
    plan = min(plans, default=None)
    return Fact("treatment_plan_with_patient", decided, plan, "service",
                (plan - decided).days if plan else None)


def _clock_fact(key: str, clocks) -> Fact | None:
    for name in CLOCK_OF[key]:
        clock = clocks.get(name)
        if _timed(clock):
            return _met(key, clock)
    return None


# Periods -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Period:
    key: str  # "2024-10" or "2024-T1"
    start: date
    end: date

    @property
    def is_tertial(self) -> bool:
        return "T" in self.key

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TERTIAL = re.compile(r"^(\d{4})-T([123])$")


def parse_period(text: str) -> Period:
    """A month ``YYYY-MM`` or a tertial ``YYYY-T1..T3``; ValueError says the forms."""
    text = (text or "").strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return Period(text, date(year, month, 1), _month_end(year, month))
    if m := _TERTIAL.match(text):
        year, t = int(m[1]), int(m[2])
        first = 4 * (t - 1) + 1
        return Period(text, date(year, first, 1), _month_end(year, first + 3))
    raise ValueError(f"period {text!r}: give a month as YYYY-MM (e.g. 2024-10) "
                     "or a tertial as YYYY-T1, YYYY-T2 or YYYY-T3")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def periods_of(day: date) -> tuple[Period, Period]:
    """The month and the tertial ``day`` falls in."""
    return parse_period(month_key(day)), parse_period(tertial_key(day))


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def tertial_key(day: date) -> str:
    return f"{day.year}-T{(day.month - 1) // 4 + 1}"


# Aggregation -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Member:
    """One pathway in a computation: its id, unit, type and facts."""

    id: str
    unit: str
    type: str
    facts: tuple[Fact, ...]


def in_numerator(fact: Fact, period: Period) -> bool:
    return fact.counted_on is not None and fact.counted_on <= period.end


def breach(indicator: str, counted: bool) -> bool:
    """A breach: late (numerator of a lower-is-better indicator), else not met."""
    return counted if indicator in LOWER_IS_BETTER else not counted


def compute(members: Iterable[Member], period: Period | str) -> dict:
    """The figures of every indicator in ``period``, as ``forlop indicators compute``
    prints them. Ids are listed in the order the members came."""
    period = parse_period(period) if isinstance(period, str) else period
    result = {key: _empty() for key in INDICATORS}
    for member in members:
        for fact in member.facts:
            if fact.placed_on not in period:
                continue
            counted = in_numerator(fact, period)
            figure = result[fact.indicator]
            add(figure, fact.indicator, member.unit, member.type, counted, fact.cause)
            figure["members"]["denominator"].append(member.id)
            if counted:
                figure["members"]["numerator"].append(member.id)
    return {"period": period.key, "indicators": {k: _sorted(f) for k, f in result.items()}}


def fold(rows: Iterable[tuple]) -> dict:
    """The figures (without members) from grouped counts, as the database gives them:
    rows of (indicator, unit, type, counted, cause, n). Same rules as ``compute``."""
    result = {key: _empty(members=False) for key in INDICATORS}
    for indicator, unit, type_, counted, cause, n in rows:
        add(result[indicator], indicator, unit, type_, bool(counted), cause, n)
    return {k: _sorted(f) for k, f in result.items()}


def add(figure: dict, indicator: str, unit, type_: str, counted: bool, cause: str,
        n: int = 1) -> None:
    """Count ``n`` pathways of one unit and type into a figure (sums, never averages)."""
    figure["denominator"] += n
    figure["numerator"] += n * counted
    for split, key in (("by_unit", unit), ("by_type", type_)):
        cell = figure[split].setdefault(key, {"numerator": 0, "denominator": 0})
        cell["denominator"] += n
        cell["numerator"] += n * counted
    if breach(indicator, counted):
        figure["breaches"][f"{cause}_caused"] += n


def _sorted(figure: dict) -> dict:
    figure["by_unit"] = dict(sorted(figure["by_unit"].items()))
    figure["by_type"] = dict(sorted(figure["by_type"].items()))
    return figure


def _empty(*, members: bool = True) -> dict:
    figure = {"numerator": 0, "denominator": 0,
              "breaches": {"service_caused": 0, "patient_caused": 0},
              "by_unit": {}, "by_type": {}}
    if members:
        figure["members"] = {"numerator": [], "denominator": []}
    return figure


def member_of(id: str, unit: str, spec: Mapping, events: list, today: date | str, *,
              catalog=None, local_norms=None) -> tuple[Member, Evaluation]:
    """Evaluate one pathway and wrap its facts as a ``Member``."""
    evaluation = evaluate(spec, events, today, catalog=catalog, local_norms=local_norms)
    spec_type = spec.get("type") if isinstance(spec, Mapping) else spec.type
    return Member(id, unit, spec_type, pathway_facts(evaluation, events)), evaluation


def suppressed(numerator: int, denominator: int) -> bool:
    """Whether a published cell is hidden outside the unit (suppression, C)."""
    return denominator < SUPPRESS_DENOMINATOR_BELOW or numerator in SUPPRESS_NUMERATOR

