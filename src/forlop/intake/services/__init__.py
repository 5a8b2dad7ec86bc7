"""Writes of the referral intake. Each takes keyword-only arguments and the actor
``by``, runs in one transaction, checks the actor itself (``forlop.access.authorize``)
and writes the access-log row for the patient it touched. A refusal raises Django's
``ValidationError`` keyed by form field (nb/nn text) and stores nothing."""

from forlop.intake.services.assess import assess_referral
from forlop.intake.services.register import NewPatient, register_referral

__all__ = ["NewPatient", "assess_referral", "register_referral"]
