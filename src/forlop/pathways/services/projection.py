"""Keeps ``PathwayState`` in step with a pathway's events (same transaction)."""

from __future__ import annotations

import datetime as dt

from forlop.kernel.events import normalise_events
from forlop.kernel.state import derive_state
from forlop.kernel.timeline import Timeline
from forlop.pathways.models import PathwayState, PathwayStatusChange
from forlop.pathways.services.indicator_facts import replace_facts

# Kernel clock keys the projection leaves out: the rule's source and rule set belong
# to the catalog (the row has ``ruleset``), ``no_limit`` is ``due is None``, and
# ``assumed_severity`` is kept only when set. That halves the row (about 1 kB a
# pathway instead of 1.9), so most rows stay below PostgreSQL's TOAST threshold.
# ``setting`` and ``counted_from`` (ADR 12) are kept only when they say something the
# pathway row does not: a clock in another setting than the one at the start, or
# brought forward by a change (readers default to ``Pathway.setting_at_start``).
LEFT_OUT = frozenset({"rule", "no_limit", "assumed_severity", "setting", "counted_from"})


def stored_clocks(evaluation) -> list[dict]:
    """The clocks as the projection stores them (what worklists and pages read)."""
    stored = []
    for c in evaluation.clocks:
        d = {k: v for k, v in c.to_dict().items() if k not in LEFT_OUT}
        if c.assumed_severity is not None:
            d["assumed_severity"] = c.assumed_severity
        if c.setting is not None and c.setting != evaluation.spec.setting:
            d["setting"] = c.setting
        if c.counted_from is not None:
            d["counted_from"] = c.counted_from.isoformat()
        stored.append(d)
    return stored


# Every projection column an evaluation decides, in the one order both writers use:
# ``save_state`` (each registration) and the daily recompute's set-based UPDATE
# (``recompute.WRITTEN``). A test keeps this equal to the model's columns.
STATE_FIELDS = ("state", "is_open", "next_due", "next_clock", "next_basis", "breached",
                "patient_caused_breach", "service_caused_breach", "clocks", "ruleset",
                "computed_on")


def state_fields(evaluation, today: dt.date) -> dict:
    clocks = stored_clocks(evaluation)
    # A closed pathway has no next deadline, whatever clock was still running when
    # it ended (the clocks keep what happened; pages showed a "next due date" on it).
    clock = next_clock(clocks) if evaluation.state != "closed" else None
    fields = {
        "state": evaluation.state,
        "is_open": evaluation.state != "closed",
        "next_due": dt.date.fromisoformat(clock["due"]) if clock else None,
        "next_clock": clock["clock"] if clock else "",
        "next_basis": clock["basis"] if clock else "",
        "breached": evaluation.breached,
        "patient_caused_breach": evaluation.patient_caused_breach,
        "service_caused_breach": evaluation.service_caused_breach,
        "clocks": clocks,
        "ruleset": evaluation.ruleset_id,
        "computed_on": today,
    }
    return {name: fields[name] for name in STATE_FIELDS}


def next_clock(clocks: list[dict]) -> dict | None:
    """The clock still running with the earliest due date, overdue ones included:
    an overdue clock that is not done yet is the most urgent thing on a worklist."""
    running = [c for c in clocks if c["done"] is None and c["due"] is not None]
    return min(running, key=lambda c: c["due"], default=None)


def save_state(*, pathway, evaluation, events: list[dict], today: dt.date, by,
               reason: str) -> PathwayState:
    """Write the projection row and, when the state changed, a status-history row;
    and the pathway's rows of the indicator summary (``IndicatorFact``).

    Also keeps ``Pathway.is_open``/``closed_on`` in step with the effective events,
    so a corrected or retracted ``pathway_end`` reopens the pathway, and
    ``Pathway.setting`` with the setting in force (a registered, corrected or
    retracted ``setting_change``, ADR 12).
    """
    fields = state_fields(evaluation, today)
    ends = [e["date"] for e in events if e["event"] == "pathway_end"]
    closed_on = ends[-1] if ends else None
    changed = []
    if (pathway.is_open, pathway.closed_on) != (closed_on is None, closed_on):
        pathway.is_open, pathway.closed_on = closed_on is None, closed_on
        changed += ["is_open", "closed_on"]
    if evaluation.setting and pathway.setting != evaluation.setting:
        pathway.setting = evaluation.setting
        changed.append("setting")
    if changed:
        pathway.save(update_fields=changed)
    # Callers hold the pathway's row lock, so one read of the projection is enough.
    state = PathwayState.objects.filter(pathway=pathway).first()
    previous_state = state.state if state else None
    if state is None:
        state = PathwayState(pathway=pathway)
    for name, value in {**fields, "unit_id": pathway.unit_id}.items():
        setattr(state, name, value)
    state.save(force_insert=previous_state is None)
    replace_facts(pathway=pathway, evaluation=evaluation, events=events)
    if previous_state != fields["state"]:
        PathwayStatusChange.objects.create(
            pathway=pathway, state=fields["state"], reason=reason, changed_by=by
        )
    return state


START_EVENTS = 3  # referral_received, referral_assessed, pathway_start: start_pathway's
STATE_EVENTS = frozenset({"referral_assessed", "pathway_start", "first_attendance",
                          "clinical_decision", "pathway_end"})


def status_history(events: list[dict], entries=None, *,
                   start_events: int = START_EVENTS) -> list[tuple[str, str, dt.date]]:
    """(state, reason, date) each time the state changes as the services register these
    events: the first ``start_events`` together (``start_pathway``'s referral
    received, assessed and start), then one at a time.
    For bulk writers (the bench's generator, the import) that store what the services
    would have stored.

    ``derive_state`` looks only at the events in ``STATE_EVENTS``, so the state is
    derived again only after one of those (a test holds this to every prefix)."""
    if entries is None:
        entries, _errors = normalise_events(events)
    changes, previous = [], None
    for upto in range(start_events, len(events) + 1):
        if upto > start_events and events[upto - 1]["event"] not in STATE_EVENTS:
            continue
        state = derive_state(Timeline.build([e for e in entries if e.index < upto]))
        if state != previous:
            event = events[upto - 1]
            reason = "pathway_start" if upto == start_events else event["event"]
            changes.append((state, reason, event["date"]))
            previous = state
    return changes
