"""Pathway histories with the national mix: years of referrals, most pathways closed.

The demo's generator (``forlop.demo.scenarios``) draws the referral, assessment,
start, first attendance and clinical decisions; this module adds what a national
register holds after six years: treatment that runs for months or years, evaluations
registered for a while and then (for some) no longer, closure with help needs and
feedback, and the spread of closure outcomes. With arrivals spread evenly from the
first day every pathway type existed (2 Oct 2019) to ``today``, about a fifth of the
pathways are still open, and there are about ten events per pathway.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from forlop.demo.scenarios import EVALUATION_EVERY, Scenario, generate
from forlop.kernel.catalog_loader import load_catalog

D = dt.timedelta
# The first day every pathway type could start (gravide, under pakkeforløp 2019).
HISTORY_START = dt.date(2019, 10, 2)
TREATMENT = {"CP", "CT"}
# Treatment lasts months to years: lognormal, median ~11 months, mean ~16.
TREATMENT_DAYS_MEDIAN, TREATMENT_DAYS_SIGMA = 330, 0.9
# After each registered evaluation the next one is registered with this chance;
# otherwise registration stops (a missed evaluation: the interval clock breaches).
EVALUATION_KEPT = 0.8
MAX_EVALUATIONS = 16
CLOSURE_OUTCOMES = {
    "completed": 80, "patient_withdrew": 8, "transferred_contracted_specialist": 4,
    "transferred_other_trust": 4, "no_right_to_care": 3, "died": 1,
}
MAX_EVENTS = 32  # bounds a pathway's events (ids are allotted in blocks per chunk)


def history(rng: random.Random, today: dt.date) -> Scenario:
    """One pathway with the national mix, every event on or before ``today``."""
    return generate(rng, today, history_days=(today - HISTORY_START).days,
                    follow_up=national_follow_up)


def national_follow_up(rng: random.Random, s: Scenario, t: dt.date, outcome: str) -> None:
    add = s.events.append
    if outcome not in TREATMENT:
        _close(rng, s, t, t + D(days=rng.randint(0, 14)))
        return
    t += D(days=rng.randint(0, 14))
    add({"event": "treatment_plan", "date": t, "together_with_patient": rng.random() < 0.6})
    end = t + D(days=int(rng.lognormvariate(math.log(TREATMENT_DAYS_MEDIAN),
                                                    TREATMENT_DAYS_SIGMA)))
    every = EVALUATION_EVERY.get(s.type, 56)
    last = t
    for _ in range(MAX_EVALUATIONS):
        t += D(days=max(7, int(rng.gauss(every * 0.95, every * 0.25))))
        if t >= end:
            break
        add({"event": "evaluation", "date": t, "standardised_tool": rng.random() < 0.7,
             "user_involved": rng.random() < 0.85})
        last = t
        if rng.random() > EVALUATION_KEPT:
            break
    _close(rng, s, last, end)


def _close(rng: random.Random, s: Scenario, last: dt.date, end: dt.date) -> None:
    """Closure: help needs and feedback (often), transfer_out when transferred, end."""
    add = s.events.append
    ruleset = load_catalog().ruleset_for(s.events[0]["date"])
    # Under pakkeforløp 2019 the assessment may come after a quick decision.
    last = max(last, *(e["date"] for e in s.events))
    end = max(end, last)
    names = [k for k in CLOSURE_OUTCOMES if k in ruleset.closure_outcomes]
    outcome = rng.choices(names, weights=[CLOSURE_OUTCOMES[k] for k in names])[0]
    before = max(last, end - D(days=rng.randint(0, 10)))
    if rng.random() < 0.75:
        add({"event": "help_needs_at_closure", "date": before})
    if rng.random() < 0.55:
        add({"event": "feedback_tool_used", "date": before})
    if outcome == "transferred_other_trust":
        add({"event": "transfer_out", "date": end})
    add({"event": "pathway_end", "date": end, "outcome": outcome})
