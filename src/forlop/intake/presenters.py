"""What a referral row shows: plain nb/nn labels, the legal deadline and how it stands."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forlop.intake.deadlines import Deadline, deadline_of


@dataclass(frozen=True)
class ReferralRow:
    pk: int
    patient_name: str
    unit_name: str
    received_on: dt.date
    referrer: str
    first_trust: str
    deadline: Deadline

    @classmethod
    def of(cls, referral, today: dt.date) -> ReferralRow:
        return cls(
            pk=referral.pk, patient_name=referral.patient.name, unit_name=referral.unit.name,
            received_on=referral.received_on, referrer=referrer_text(referral),
            first_trust=referral.first_trust_name,
            deadline=deadline_of(referral.received_on, today))

    @property
    def status(self) -> str:
        d = self.deadline
        if d.overdue:
            return ngettext("%(n)s dag over fristen", "%(n)s dager over fristen",
                            d.days_overdue) % {"n": d.days_overdue}
        if d.working_days_left == 0:
            return _("Frist i dag")
        return ngettext("%(n)s virkedag igjen", "%(n)s virkedager igjen",
                        d.working_days_left) % {"n": d.working_days_left}


def referrer_text(referral) -> str:
    """«Fastlege: Frida Fastlege (HPR 9144889), Testvik legesenter» or «Legevakt: Ola
    Lege»."""
    kind = referral.get_referrer_kind_display() if referral.referrer_kind else _("Henviser")
    name = referral.referrer_name
    if name and referral.referrer_hpr:
        name = f"{name} (HPR {referral.referrer_hpr})"
    parts = [p for p in (name, referral.gp_office.name if referral.gp_office_id else "")
             if p]
    return f"{kind}: {', '.join(parts)}" if parts else kind
