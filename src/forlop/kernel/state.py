"""The pathway state, derived from its events (never stored as truth)."""

from . import vocabulary as v
from .timeline import Timeline

STATES = (
    "referred", "assessed", "started", "assessing", "extended_assessment", "treatment", "closed",
)


def derive_state(timeline: Timeline) -> str:
    """The furthest point the pathway has reached.

    closed: pathway_end; extended_assessment: the last counted clinical decision is
    CU; treatment: it is anything else; assessing: first_attendance without a
    decision; started: pathway_start; assessed: referral_assessed; else referred.
    """
    if timeline.end is not None:
        return "closed"
    if timeline.decisions:
        last_outcome = timeline.decisions[-1][1]
        return "extended_assessment" if last_outcome == v.EXTENDED_ASSESSMENT else "treatment"
    if timeline.has("first_attendance"):
        return "assessing"
    if timeline.has("pathway_start"):
        return "started"
    if timeline.has("referral_assessed"):
        return "assessed"
    return "referred"
