"""evaluate: events in, state, clocks and errors out. The kernel's front door."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from . import vocabulary as v
from .care_setting import Change, SettingPeriods, setting_errors
from .catalog import Catalog, NoRuleSetError, RuleSet
from .catalog_loader import load_catalog
from .clocks import Clock, judge, rule_across_settings
from .dates import iso, parse_date
from .errors import ValidationError
from .events import Entry, Event, normalise_events
from .local_norms import NO_LOCAL_NORMS, LocalNorms
from .spec import PathwaySpec, spec_errors
from .state import derive_state
from .timeline import Timeline
from .validation import validate_events
from .windows import windows


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of ``evaluate``. Any error means the caller must not save."""

    state: str
    clocks: tuple[Clock, ...]
    errors: tuple[ValidationError, ...]
    ruleset_id: str | None
    start_date: date | None
    spec: PathwaySpec
    # The setting in force on the reference day (spec.setting, the one at the start,
    # unless a setting_change followed). ADR 12.
    setting: str | None = None

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def next_due(self) -> date | None:
        """Earliest due date among open clocks."""
        return min((c.due for c in self.clocks if c.status == "open" and c.due), default=None)

    @property
    def breached(self) -> bool:
        return any(c.status == "breached" for c in self.clocks)

    @property
    def patient_caused_breach(self) -> bool:
        return any(c.status == "breached" and c.patient_caused for c in self.clocks)

    @property
    def service_caused_breach(self) -> bool:
        return any(c.status == "breached" and not c.patient_caused for c in self.clocks)

    def to_dict(self) -> dict:
        """JSON-serialisable form (dates as ISO strings)."""
        return {
            "state": self.state,
            "ruleset": self.ruleset_id,
            "start_date": iso(self.start_date),
            "pathway": self.spec.to_dict(),
            "setting": self.setting,
            "clocks": [c.to_dict() for c in self.clocks],
            "errors": [e.to_dict() for e in self.errors],
            "valid": self.valid,
            "next_due": iso(self.next_due),
            "breached": self.breached,
            "patient_caused_breach": self.patient_caused_breach,
            "service_caused_breach": self.service_caused_breach,
        }


def evaluate(
    spec: PathwaySpec | Mapping,
    events: Iterable[Event | Mapping],
    today: date | str,
    *,
    catalog: Catalog | None = None,
    local_norms: LocalNorms | Iterable[Mapping] | None = None,
) -> Evaluation:
    """Evaluate one pathway instance on ``today``.

    Judged by the rule set in force on the start date. With errors, as much as can
    be computed is still returned; without a known type, setting or rule set there
    are no clocks. Raises ValueError only for an unreadable ``today``.
    """
    day = parse_date(today)
    if day is None:
        raise ValueError(f"today must be a date or YYYY-MM-DD, got {today!r}")
    catalog = catalog or load_catalog()
    norms = _norms(local_norms)
    spec = PathwaySpec.coerce(spec)
    errors = spec_errors(spec)
    entries, event_errors = normalise_events(events)
    errors.extend(event_errors)
    start, ruleset, start_errors = _start_and_ruleset(entries, catalog)
    errors.extend(start_errors)
    errors.extend(validate_events(entries, day, ruleset))
    errors.extend(setting_errors(entries, spec.setting, start))
    timeline = Timeline.build(entries)
    periods = SettingPeriods(spec.setting, tuple(Change(*c) for c in timeline.setting_changes))
    clocks: tuple[Clock, ...] = ()
    if ruleset is not None and not any(e.field in _BLOCKING_FIELDS for e in errors):
        # An unreadable severity is treated as unknown rather than blocking every clock.
        known = spec if spec.severity in _SEVERITIES else PathwaySpec(spec.type, spec.setting)
        clocks, clock_errors = _clocks(known, ruleset, timeline, day, norms, periods)
        errors.extend(clock_errors)
    return Evaluation(derive_state(timeline), clocks, tuple(errors),
                      ruleset.id if ruleset else None, start, spec, periods.current)


# Without a known type and setting no limit can be looked up, so no clocks are built.
_BLOCKING_FIELDS = frozenset({"pathway.type", "pathway.setting"})
_SEVERITIES = (None, *v.SEVERITIES)  # a tuple: JSON values may be unhashable


def _clocks(spec, ruleset: RuleSet, timeline: Timeline, today: date, norms: LocalNorms,
            periods: SettingPeriods):
    found: list[Clock] = []
    errors: list[ValidationError] = []
    start_is_assessment = ruleset.start_rule == "referral_assessed_right_granted"
    for window in windows(ruleset.pathways[spec.type].clocks, timeline, start_is_assessment):
        rule, setting, counted_from = rule_across_settings(ruleset, spec, window, periods, norms)
        if rule.assumed_severity and not errors:
            errors.append(ValidationError(
                "severity_required",
                f"{spec.type} needs pathway.severity (serious or less_serious) for clock "
                f"{window.clock}; the strictest limit ({rule.days} days) is shown until it is set",
                None, "pathway.severity",
                {"clock": window.clock, "days": rule.days},
            ))
        clock = judge(window, rule, today, timeline.end, timeline.delays, ruleset.id, setting,
                      counted_from)
        if clock is not None:
            found.append(clock)
    return tuple(found), errors


def _start_and_ruleset(entries: list[Entry], catalog: Catalog):
    """The start date and the rule set in force on it.

    pathway_start when registered. Otherwise the referral date decides the regime:
    if that rule set starts pathways at the granted assessment, that date is used.
    """
    start = next((e.event.date for e in entries if e.event.event == "pathway_start"), None)
    provisional = start or next(
        (e.event.date for e in entries if e.event.event == "referral_received"), None)
    if provisional is None:
        return None, None, [ValidationError(
            "no_start_event",
            "register referral_received or pathway_start first; the rule set is chosen by the "
            "pathway's start date", None, "events",
        )]
    try:
        ruleset = catalog.ruleset_for(provisional)
    except NoRuleSetError as exc:
        return provisional, None, [ValidationError("no_ruleset", str(exc), None, "events",
                                                    {"date": provisional})]
    if start is None and ruleset.start_rule == "referral_assessed_right_granted":
        start = next((e.event.date for e in entries if e.event.event == "referral_assessed"
                      and e.event.outcome == "right_granted"), None)
    elif start is None:
        start = provisional  # the referral's receipt is the start under this rule set
    return start, ruleset, []


def _norms(value) -> LocalNorms:
    if value is None:
        return NO_LOCAL_NORMS
    if isinstance(value, LocalNorms):
        return value
    return LocalNorms.from_dicts(value)
