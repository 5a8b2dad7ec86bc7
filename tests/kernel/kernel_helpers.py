"""Small builders shared by the kernel tests (plain functions, no fixtures)."""

from datetime import date, timedelta

from forlop.kernel import evaluate

D = date.fromisoformat


def ev(event: str, day: str | date, **fields) -> dict:
    """An event dict as a caller would send it."""
    return {"event": event, "date": day if isinstance(day, str) else day.isoformat(), **fields}


def plus(day: str | date, days: int) -> date:
    return (D(day) if isinstance(day, str) else day) + timedelta(days=days)


def run(pathway: str, events: list[dict], today: str | date, *, setting: str = "outpatient",
        severity: str | None = None, **kwargs):
    spec = {"type": pathway, "setting": setting, "severity": severity}
    return evaluate(spec, events, today, **kwargs)


def clock(result, name: str, n: int | None = None):
    """The one clock with this name (and number); fails loudly if absent or repeated."""
    (found,) = [c for c in result.clocks if c.clock == name and c.n == n]
    return found


def codes(result) -> list[str]:
    return [error.code for error in result.errors]


def started(day: str, *more: dict) -> list[dict]:
    """A referral received and started on ``day``, followed by ``more`` events."""
    return [ev("referral_received", day), ev("pathway_start", day), *more]


def _to_first_attendance(base, start, done):
    return [ev("referral_received", start), ev("referral_assessed", start, outcome="right_granted"),
            ev("pathway_start", start), ev("first_attendance", done)]


def _opened(base):
    return [ev("referral_received", base), ev("referral_assessed", base, outcome="right_granted"),
            ev("pathway_start", base)]


# Clock name -> builder(base, start, done): a valid pathway whose clock runs start..done.
CLOCK_SCENARIOS = {
    "referral_to_first_attendance": _to_first_attendance,
    "ocd_team_referral_to_first_attendance": _to_first_attendance,
    "first_attendance_to_clinical_decision": lambda base, start, done: [
        *_opened(base), ev("first_attendance", start),
        ev("clinical_decision", done, outcome="CP")],
    "detox_to_treatment": lambda base, start, done: [
        *_opened(base), ev("first_attendance", base), ev("detox_completed", start),
        ev("treatment_started", done)],
    "clinical_decision_to_first_evaluation": lambda base, start, done: [
        *_opened(base), ev("first_attendance", base),
        ev("clinical_decision", start, outcome="CP"), ev("evaluation", done)],
    "evaluation_interval": lambda base, start, done: [
        *_opened(base), ev("first_attendance", base), ev("clinical_decision", base, outcome="CP"),
        ev("evaluation", start), ev("evaluation", done)],
}
