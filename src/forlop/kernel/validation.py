"""Event rules the kernel enforces. Any error means: do not save.

Works on sorted entries (see ``events.normalise_events``) so that "before",
"after" and "second" mean calendar order, not input order.
"""

from datetime import date

from . import vocabulary as v
from .catalog import RuleSet
from .errors import ValidationError
from .events import Entry
from .workdays import working_days_between

Errors = list[ValidationError]


def validate_events(entries: list[Entry], today: date, ruleset: RuleSet | None) -> Errors:
    """Every rule broken by these (sorted) entries, judged by ``ruleset`` if known."""
    errors: Errors = []
    start = next((e.event.date for e in entries if e.event.event == "pathway_start"), None)
    received = next((e.event.date for e in entries if e.event.event == "referral_received"),
                    None)
    end: date | None = None
    starts = 0
    decisions: list[str | None] = []
    for index, event in entries:
        key = event.event
        if event.date > today:
            errors.append(ValidationError(
                "future_date",
                f"{key} is dated {event.date.isoformat()}, after today "
                f"({today.isoformat()}); register events on or after the day they happen",
                index, "date", {"event": key, "date": event.date, "today": today},
            ))
        errors.extend(_outcome_errors(index, key, event.outcome, ruleset))
        if key == "pathway_start":
            starts += 1
            if starts > 1:
                errors.append(ValidationError(
                    "duplicate_pathway_start",
                    "pathway_start is already registered; a pathway has one start "
                    "(a new trust starts its own pathway instance)",
                    index, "event", {"event": key},
                ))
        if key == "pathway_end":
            if end is not None:
                errors.append(ValidationError(
                    "second_pathway_end",
                    f"pathway_end is already registered on {end.isoformat()}; "
                    "a pathway ends once, remove or correct one of them",
                    index, "event", {"end": end},
                ))
            else:
                end = event.date
        elif end is not None and event.date > end:
            errors.append(ValidationError(
                "event_after_end",
                f"{key} on {event.date.isoformat()} is after pathway_end on {end.isoformat()}; "
                "no events may follow the end (open a new pathway instead)",
                index, "date", {"event": key, "date": event.date, "end": end},
            ))
        # setting_change has its own rule against the computed start (care_setting).
        if (start is not None and event.date < start and key not in v.REFERRAL_EVENTS
                and key != "setting_change"):
            errors.append(ValidationError(
                "before_pathway_start",
                f"{key} on {event.date.isoformat()} is before pathway_start on "
                f"{start.isoformat()}; only referral events may precede the start",
                index, "date", {"event": key, "date": event.date, "start": start},
            ))
        if key == "referral_assessed" and received is not None and event.date < received:
            errors.append(ValidationError(
                "assessed_before_received",
                f"referral_assessed on {event.date.isoformat()} is before referral_received "
                f"on {received.isoformat()}; a referral is assessed on or after receipt",
                index, "date", {"date": event.date, "received": received},
            ))
        if key == "clinical_decision":
            errors.extend(_decision_errors(index, event.outcome, decisions))
            decisions.append(event.outcome)
        if key == "patient_delay":
            errors.extend(_delay_errors(index, event.postponed_from, event.postponed_to))
    return errors


def _decision_errors(index: int, outcome: str | None, earlier: list[str | None]) -> Errors:
    if len(earlier) >= 2:
        return [ValidationError(
            "third_clinical_decision",
            "a pathway has at most two clinical decisions (after basic and after extended "
            "assessment); correct the earlier decision instead of adding a third",
            index, "event", {"event": "clinical_decision"},
        )]
    if len(earlier) == 1 and earlier[0] != v.EXTENDED_ASSESSMENT:
        return [ValidationError(
            "second_decision_without_cu",
            f"a second clinical decision is only allowed after outcome CU (extended "
            f"assessment); the first decision was {earlier[0]!r}",
            index, "event", {"first": earlier[0]},
        )]
    return []


def _outcome_errors(index: int, key: str, outcome: object, ruleset: RuleSet | None) -> Errors:
    if key not in v.OUTCOME_EVENTS:
        if outcome is None:
            return []
        return [ValidationError(
            "outcome_not_allowed",
            f"{key} does not take an outcome (got {outcome!r}); remove it",
            index, "outcome", {"event": key, "outcome": outcome},
        )]
    allowed = _allowed_outcomes(key, ruleset)
    if outcome is None or outcome == "":
        return [ValidationError(
            "missing_outcome", f"{key} needs an outcome: one of {', '.join(allowed)}",
            index, "outcome", {"event": key, "allowed": allowed},
        )]
    if key == "pathway_end" and outcome in v.CLOSURE_OUTCOMES and outcome not in allowed:
        return [ValidationError(
            "closure_outcome_not_in_ruleset",
            f"closure outcome {outcome!r} does not exist in rule set {ruleset.id}; "
            f"use one of: {', '.join(allowed)}",
            index, "outcome",
            {"event": key, "outcome": outcome, "ruleset": ruleset.id, "allowed": allowed},
        )]
    if outcome not in allowed:
        return [ValidationError(
            "unknown_outcome", f"unknown outcome {outcome!r} for {key}; use one of: "
            f"{', '.join(allowed)}", index, "outcome",
            {"event": key, "outcome": outcome, "allowed": allowed},
        )]
    return []


def _allowed_outcomes(key: str, ruleset: RuleSet | None) -> tuple[str, ...]:
    if key == "referral_assessed":
        return v.REFERRAL_OUTCOMES
    if key == "clinical_decision":
        return tuple(ruleset.clinical_decisions) if ruleset else v.CLINICAL_DECISIONS
    return tuple(ruleset.closure_outcomes) if ruleset else v.CLOSURE_OUTCOMES


def _delay_errors(index: int, start: date | None, end: date | None) -> Errors:
    pairs = (("postponed_from", start), ("postponed_to", end))
    missing = [name for name, value in pairs if value is None]
    if missing:
        return [ValidationError(
            "patient_delay_missing_dates",
            f"patient_delay needs {' and '.join(missing)}: the appointment date the patient "
            "postponed and the new date",
            index, missing[0], {"missing": tuple(missing)},
        )]
    gap = working_days_between(start, end)
    if gap <= v.PATIENT_DELAY_MIN_WORKING_DAYS:
        return [ValidationError(
            "patient_delay_too_short",
            f"patient_delay counts only when the patient postpones more than "
            f"{v.PATIENT_DELAY_MIN_WORKING_DAYS} working days; {start.isoformat()} to "
            f"{end.isoformat()} is {gap}; do not register code L for this",
            index, "postponed_to",
            {"from": start, "to": end, "days": gap, "min": v.PATIENT_DELAY_MIN_WORKING_DAYS},
        )]
    return []
