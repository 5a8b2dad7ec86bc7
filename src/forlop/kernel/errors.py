"""Validation errors: stable codes, an English message that says how to fix it."""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

# Stable codes -> what they mean. Callers may switch on the code; the message is for people.
ERROR_CODES = {
    "unknown_pathway_type": "pathway.type is not one of the seven pathway keys",
    "unknown_setting": "pathway.setting is not outpatient or inpatient",
    "unknown_severity": "pathway.severity is not serious, less_serious or null",
    "severity_required": "an eating-disorder pathway needs a severity for its first clock",
    "no_start_event": "neither referral_received nor pathway_start is registered",
    "no_ruleset": "no rule set is in force on the pathway's start date",
    "invalid_event": "an event is not an object with an 'event' key",
    "unknown_event": "the event key is not in the kernel vocabulary",
    "invalid_date": "a date is missing or not a YYYY-MM-DD date",
    "future_date": "an event is dated after today",
    "missing_outcome": "the event needs an outcome",
    "unknown_outcome": "the outcome is not valid for this event",
    "outcome_not_allowed": "the event does not take an outcome",
    "closure_outcome_not_in_ruleset": "the closure outcome does not exist in this rule set",
    "second_decision_without_cu": "a second clinical decision must follow outcome CU",
    "third_clinical_decision": "at most two clinical decisions per pathway",
    "duplicate_pathway_start": "a pathway has one pathway_start",
    "second_pathway_end": "a pathway has one pathway_end",
    "event_after_end": "an event is dated after pathway_end",
    "assessed_before_received": "referral_assessed is dated before referral_received",
    "before_pathway_start": "a non-referral event is dated before pathway_start",
    "patient_delay_missing_dates": "patient_delay needs postponed_from and postponed_to",
    "patient_delay_too_short": "patient_delay needs more than 7 working days of postponement",
    "setting_change_invalid": "setting_change needs setting: outpatient or inpatient",
    "setting_change_not_a_change": "setting_change names the setting already in force",
    "setting_change_before_start": "setting_change is dated before the pathway's start",
}


@dataclass(frozen=True, slots=True)
class ValidationError:
    """One problem with the input. ``event_index`` is the caller's original index.

    ``params`` are the values the message names (event keys, outcomes, dates as
    ``date``), so a caller can say the same thing in another language."""

    code: str
    message: str
    event_index: int | None = None
    field: str | None = None
    params: Mapping[str, Any] = _field(default_factory=dict, compare=False)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "event_index": self.event_index,
            "field": self.field,
        }
