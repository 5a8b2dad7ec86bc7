"""Clock windows: where each clock starts and which event stops it.

A window carries no limit; ``clocks`` judges it against the rule set.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from .timeline import Timeline


class Window(NamedTuple):
    clock: str
    start: date
    done: date | None
    n: int | None = None
    trailing: bool = False  # the open interval after the latest evaluation


def windows(clocks: Iterable[str], timeline: Timeline, start_is_assessment: bool) -> list[Window]:
    """The windows that have started, for the named clocks, in the given order.

    ``start_is_assessment``: the rule set starts pathways at the granted referral
    assessment, so pathway_start also proves the referral was assessed.
    """
    found: list[Window] = []
    for clock in clocks:
        if clock == "evaluation_interval":
            found.extend(_evaluation_intervals(timeline))
        elif clock == "referral_to_assessment":
            start = timeline.first("referral_received")
            if start is not None:
                found.append(Window(clock, start, _assessed(timeline, start, start_is_assessment)))
        else:
            start, stop_key = _start_and_stop(clock, timeline)
            if start is not None:
                found.append(Window(clock, start, timeline.first(stop_key, start)))
    return found


def _assessed(t: Timeline, received: date, start_is_assessment: bool) -> date | None:
    """When the referral was assessed: referral_assessed, or else the first event that
    cannot happen before assessment (an upper bound, so a pathway that is clearly under
    way is not reported as an unassessed referral)."""
    assessed = t.first("referral_assessed", received)
    if assessed is not None:
        return assessed
    proofs = ("first_attendance", "pathway_start") if start_is_assessment else ("first_attendance",)
    return min((d for d in (t.first(k, received) for k in proofs) if d), default=None)


def _start_and_stop(clock: str, t: Timeline) -> tuple[date | None, str]:
    if clock in ("referral_to_first_attendance", "ocd_team_referral_to_first_attendance"):
        # For OCD the instance's referral is the one the OCD team received. Without a
        # referral (emergency entry) the pathway start is the best anchor we have.
        return t.first("referral_received") or t.first("pathway_start"), "first_attendance"
    if clock == "first_attendance_to_clinical_decision":
        return t.first("first_attendance"), "clinical_decision"
    if clock == "detox_to_treatment":
        return t.first("detox_completed"), "treatment_started"
    if clock == "clinical_decision_to_first_evaluation":
        return t.treatment_decision, "evaluation"
    raise ValueError(f"unknown clock {clock!r}")


def _evaluation_intervals(t: Timeline) -> list[Window]:
    evaluations = t.dates.get("evaluation", [])
    found = [
        Window("evaluation_interval", previous, current, n)
        for n, (previous, current) in enumerate(zip(evaluations, evaluations[1:], strict=False), 1)
    ]
    if evaluations:
        found.append(Window("evaluation_interval", evaluations[-1], None, len(evaluations), True))
    return found
