"""Referrals waiting for assessment at the adult clinic, registered by the demo's
secretary through the intake's own service: from yesterday's to one past its deadline,
the oldest forwarded from the other trust (docs/workspace-referrals.md)."""

from __future__ import annotations

import datetime as dt
import random

from forlop.demo.people import synthetic_identifier, synthetic_name
from forlop.intake.deadlines import assessment_due
from forlop.intake.services import NewPatient, register_referral

# Days before today each referral came in; the deadline follows from the calendar.
RECEIVED_DAYS_AGO = (1, 6, 14, 20)


def create_waiting_referrals(org, users, *, seed: int, today: dt.date) -> list:
    rng = random.Random(f"{seed}:referrals")  # apart from the pathways' sequence
    unit, secretary = org.units_by_type["voksne"], users["sekretaer"]
    made = []
    for n, days_ago in enumerate(RECEIVED_DAYS_AGO):
        municipality = org.municipalities[n % len(org.municipalities)]
        office = municipality.gp_offices.first()
        forwarded = n == len(RECEIVED_DAYS_AGO) - 1
        received = today - dt.timedelta(days=days_ago)
        made.append(register_referral(
            unit=unit, by=secretary, today=today, received_on=received,
            patient=NewPatient(synthetic_identifier(rng)[0], synthetic_name(rng)),
            referrer_kind="other" if forwarded else "gp",
            referrer_name="Nabo DPS" if forwarded else "Fastlege (syntetisk)",
            gp_office=None if forwarded else office,
            first_trust=(received - dt.timedelta(days=30), org.other_trust.name)
            if forwarded else None))
    return made


def overdue(referrals, today: dt.date) -> list:
    return [r for r in referrals if assessment_due(r.received_on) < today]
