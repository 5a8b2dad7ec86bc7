from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import Permission
from forlop.collaboration.closure_check import AGREED_OUTCOMES
from forlop.collaboration.models import ClosureChecklist
from forlop.pathways.closure import missing_for
from forlop.pathways.services import close_pathway, register_event

CHECKLIST_FIELDS = ("patient_agrees", "service_agrees", "follow_up_plan",
                    "individual_plan_used", "municipal_responsible", "final_meeting",
                    "help_needs", "knows_where_to_turn", "risk_passed_on", "risk_passed_to")


class ClosureIncomplete(ValidationError):
    """The checklist misses ``missing`` (labels, in the checklist's order); nothing saved."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__(_("Forløpet kan ikke avsluttes før dette er på plass: %(items)s.")
                         % {"items": "; ".join(missing)})


@transaction.atomic
def save_checklist(*, pathway, by, **items) -> ClosureChecklist:
    """Save the checklist as it stands (a new row; earlier ones are kept)."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if not pathway.is_open:
        raise ValidationError(_("Forløpet er allerede avsluttet."))
    unknown = set(items) - set(CHECKLIST_FIELDS)
    if unknown:
        raise TypeError(f"unknown checklist items: {sorted(unknown)}")
    meeting = items.get("final_meeting")
    if meeting is not None and meeting.pathway_id != pathway.pk:
        raise ValidationError({"final_meeting": _("Møtet hører til et annet forløp.")})
    return ClosureChecklist.objects.create(pathway=pathway, saved_by=by, **items)


@transaction.atomic
def close_with_checklist(*, pathway, by, on: dt.date, outcome: str = "completed",
                         today: dt.date | None = None, **items):
    """Save the checklist, refuse with ``ClosureIncomplete`` naming every item still
    missing, else register ``help_needs_at_closure`` and close through
    ``close_pathway`` (the kernel's ``pathway_end``), all in one transaction."""
    require_on_pathway(by, Permission.REGISTER_CLINICAL, pathway)
    if outcome not in AGREED_OUTCOMES:
        raise ValidationError({"outcome": _("Velg fullført eller overført til avtalespesialist.")})
    save_checklist(pathway=pathway, by=by, **items)
    # Every installed closure check (ADR 50): this checklist (just saved) and the
    # municipality's confirmation of the follow-up plan (forlop.followup, ADR 59).
    missing = missing_for(pathway, outcome)
    if missing:
        raise ClosureIncomplete(missing)
    register_event(pathway=pathway, event="help_needs_at_closure", on=on, by=by, today=today)
    return close_pathway(pathway=pathway, on=on, outcome=outcome, by=by, today=today)
