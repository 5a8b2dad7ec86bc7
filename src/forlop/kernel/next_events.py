"""What may come next: the events (and their outcomes) ``evaluate`` would accept today.

Derived by trial, not restated: each candidate event is appended to the pathway's
events, dated ``today``, and kept only when ``evaluate`` reports no error. So a
rule added to the kernel narrows the offer without a change here (ADR 0011).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from . import vocabulary as v
from .catalog import Catalog
from .evaluation import evaluate
from .events import Event
from .local_norms import LocalNorms
from .workdays import add_working_days

# Events registered through flows of their own (referral intake, start, transfer,
# change of setting), never through the generic "register an event" form.
OWN_FLOW_EVENTS = frozenset({
    "referral_received", "pathway_start", "transfer_out", "transfer_in", "setting_change",
})

# Every outcome word the kernel knows; the trial keeps those it accepts per event.
_OUTCOME_WORDS = tuple(dict.fromkeys(
    (*v.REFERRAL_OUTCOMES, *v.CLINICAL_DECISIONS, *v.CLOSURE_OUTCOMES)))


@dataclass(frozen=True, slots=True)
class NextEvent:
    """An event the kernel would accept next; ``outcomes`` it would accept with it
    (empty for an event that takes no outcome)."""

    event: str
    outcomes: tuple[str, ...] = ()


def candidate_events() -> tuple[str, ...]:
    """The event keys the generic form may offer, in vocabulary order."""
    return tuple(key for key in v.EVENT_KEYS if key not in OWN_FLOW_EVENTS)


def trial_event(event: str, today: date, outcome: str | None = None) -> Event:
    """The candidate as it is tried: dated ``today``; a patient delay with a
    postponement that satisfies the kernel (from today to just past the minimum)."""
    if event == "patient_delay":
        later = add_working_days(today, v.PATIENT_DELAY_MIN_WORKING_DAYS + 1)
        return Event(event, today, outcome, postponed_from=today, postponed_to=later)
    return Event(event, today, outcome)


def next_events(
    spec: object,
    events: Iterable[Event | Mapping],
    today: date,
    *,
    catalog: Catalog | None = None,
    local_norms: LocalNorms | Iterable[Mapping] | None = None,
) -> tuple[NextEvent, ...]:
    """The events, each with its accepted outcomes, that ``evaluate`` accepts when
    appended to ``events`` dated ``today``. An event that needs an outcome is offered
    only with at least one accepted outcome."""
    history = list(events)

    def accepted(candidate: Event) -> tuple[bool, tuple[str, ...]]:
        result = evaluate(spec, [*history, candidate], today, catalog=catalog,
                          local_norms=local_norms)
        return not result.errors, tuple(e.code for e in result.errors)

    offered: list[NextEvent] = []
    for key in candidate_events():
        ok, codes = accepted(trial_event(key, today))
        if ok:
            offered.append(NextEvent(key))
        elif "missing_outcome" in codes:
            outcomes = tuple(word for word in _OUTCOME_WORDS
                             if accepted(trial_event(key, today, word))[0])
            if outcomes:
                offered.append(NextEvent(key, outcomes))
    return tuple(offered)


def offered_outcomes(offer: Iterable[NextEvent]) -> dict[str, tuple[str, ...]]:
    """``{event: outcomes}`` for quick lookups by callers."""
    return {item.event: item.outcomes for item in offer}
