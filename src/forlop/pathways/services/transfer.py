from __future__ import annotations

import datetime as dt

from django.db import transaction

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.pathways.models import Pathway
from forlop.pathways.services.register import append_event
from forlop.pathways.services.start import open_pathway


class TransferError(ValueError):
    """A transfer refused before anything is written; ``code`` names why
    (``same_trust``, ``no_agreement``)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@transaction.atomic
def transfer_pathway(
    *, pathway: Pathway, to_unit, received_on: dt.date, by, today: dt.date | None = None
) -> Pathway:
    """Transfer to another health trust (rule set ``pakkeforlop-2019`` onwards).

    The sending pathway gets ``transfer_out`` and ends as ``transferred_other_trust``;
    the receiving trust starts its own instance on its receipt date, carrying the
    first trust's start date and name (*Start pakkeforløp første helseforetak*).
    Within one trust the pathway continues, so that is refused here. A private
    institution with an agreement receives as a trust does, but only on a day its
    agreement is in force (ADR 67). The actor must
    be allowed clinical registrations on the sending pathway (``NotPermitted``); the
    receiving instance is opened on their word, as the referral they send.
    """
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if to_unit.trust_id == pathway.trust_id:
        raise TransferError(
            "same_trust",
            "Transfer within the same health trust keeps the pathway; change its unit instead.",
        )
    if not to_unit.trust.agreement_in_force(received_on):
        raise TransferError(
            "no_agreement",
            "The receiving private institution has no agreement in force on that day.",
        )
    first_trust = (
        pathway.first_trust_started_on or pathway.started_on,
        pathway.first_trust_name or pathway.trust.name,
    )
    append_event(pathway=pathway, event="transfer_out", on=received_on, by=by, today=today)
    append_event(pathway=pathway, event="pathway_end", on=received_on,
                   outcome="transferred_other_trust", by=by, today=today)
    received = open_pathway(
        patient=pathway.patient, unit=to_unit, type=pathway.type, setting=pathway.setting,
        severity=pathway.severity, by=by, referral_received_on=received_on,
        started_on=received_on, first_trust=first_trust, today=today,
    )
    append_event(
        pathway=received, event="transfer_in", on=received_on, by=by, today=today,
        data={"first_trust_start": first_trust[0], "first_trust_name": first_trust[1]},
    )
    return received
