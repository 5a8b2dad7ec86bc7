"""Seeded synthetic pathway histories (pure Python, no Django).

One generator feeds both the demo (through the services) and the benchmarks (bulk
inserts), so the data the benchmark measures is the data a person sees in the demo.
Timings are drawn around the national pathway times so that some pathways keep
them, some breach, some breach after a patient postponed (code L).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from forlop.kernel.catalog_loader import load_catalog

D = dt.timedelta

# Rough national mix (share of pathways per type), synthetic.
TYPE_WEIGHTS = {
    "voksne": 40, "barn_unge": 25, "tsb": 20, "psykose": 5,
    "spiseforstyrrelser": 4, "ocd": 4, "gravide": 2,
}
TREATMENT_OUTCOME = {"tsb": "CT", "gravide": "CT"}
# Evaluation spacing in days, roughly the national intervals.
EVALUATION_EVERY = {"tsb": 56, "gravide": 42, "spiseforstyrrelser": 42, "barn_unge": 84}


@dataclass
class Scenario:
    type: str
    setting: str
    severity: str | None
    events: list[dict] = field(default_factory=list)

    @property
    def spec(self) -> dict:
        return {"type": self.type, "setting": self.setting, "severity": self.severity}


# What happens after the last clinical decision: (rng, scenario, day, outcome) -> None.
FollowUp = Callable[[random.Random, "Scenario", dt.date, str], None]


def generate(rng: random.Random, today: dt.date, *, history_days: int = 400,
             follow_up: FollowUp | None = None) -> Scenario:
    """One pathway history with every event dated on or before ``today``.

    ``follow_up`` writes the events after the clinical decision (treatment,
    evaluations, closure); the default is the demo's short one. The benchmarks pass
    a longer one (``forlop.bench.histories``) with the national mix of closures."""
    ptype = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
    setting = "inpatient" if rng.random() < 0.12 else "outpatient"
    severity = None
    if ptype == "spiseforstyrrelser":
        severity = rng.choice(["serious", "less_serious"])
    scenario = Scenario(ptype, setting, severity)
    # At least 17 days back, so the referral is assessed and the pathway has started.
    received = today - D(days=rng.randint(17, history_days))
    decided, outcome = _timeline(rng, scenario, received)
    (follow_up or short_follow_up)(rng, scenario, decided, outcome)
    scenario.events = [e for e in scenario.events if e["date"] <= today]
    return scenario


def _timeline(rng: random.Random, s: Scenario, received: dt.date) -> tuple[dt.date, str]:
    """Referral to the last clinical decision; returns its date and outcome."""
    add = s.events.append
    add({"event": "referral_received", "date": received})
    assessed = received + D(days=rng.choice([1, 2, 3, 5, 7, 9, 12, 16]))
    add({"event": "referral_assessed", "date": assessed, "outcome": "right_granted"})
    ruleset = load_catalog().ruleset_for(received)
    start = assessed if ruleset.start_rule == "referral_assessed_right_granted" else received
    add({"event": "pathway_start", "date": start})
    t = start + D(days=rng.randint(2, 40 if s.type not in {"psykose", "spiseforstyrrelser"}
                                     else 12))
    add({"event": "first_attendance", "date": t})
    if rng.random() < 0.12:
        moved_from = t + D(days=rng.randint(3, 10))
        add({"event": "patient_delay", "date": moved_from, "postponed_from": moved_from,
             "postponed_to": moved_from + D(days=21)})
        t = moved_from + D(days=21)
    if s.type in {"tsb", "gravide"} and s.setting == "inpatient" and rng.random() < 0.5:
        t += D(days=rng.randint(3, 8))
        add({"event": "detox_completed", "date": t})
        t += D(days=rng.choice([0, 1, 2, 3, 5]))
        add({"event": "treatment_started", "date": t})
    t += D(days=rng.randint(3, 70))
    outcome = rng.choices(
        [TREATMENT_OUTCOME.get(s.type, "CP"), "CU", "CK", "CI", "CA", "CS"],
        weights=[60, 14, 10, 8, 4, 4],
    )[0]
    add({"event": "clinical_decision", "date": t, "outcome": outcome})
    if outcome == "CU":
        t += D(days=rng.randint(20, 90))
        outcome = TREATMENT_OUTCOME.get(s.type, "CP")
        add({"event": "clinical_decision", "date": t, "outcome": outcome})
    return t, outcome


def short_follow_up(rng: random.Random, s: Scenario, t: dt.date, outcome: str) -> None:
    """The demo's: up to six evaluations, a third of treated pathways closed."""
    add = s.events.append
    if outcome not in {"CP", "CT"}:
        add({"event": "pathway_end", "date": t + D(days=rng.randint(0, 14)),
             "outcome": "completed"})
        return
    t += D(days=rng.randint(0, 14))
    add({"event": "treatment_plan", "date": t, "together_with_patient": rng.random() < 0.6})
    every = EVALUATION_EVERY.get(s.type, 56)
    for _ in range(rng.randint(0, 6)):
        t += D(days=max(1, int(rng.gauss(every * 0.9, every * 0.25))))
        add({"event": "evaluation", "date": t, "standardised_tool": rng.random() < 0.7,
             "user_involved": rng.random() < 0.85})
    if rng.random() < 0.35:
        add({"event": "pathway_end", "date": t + D(days=rng.randint(1, 30)),
             "outcome": "completed"})
