from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import permission_for_event
from forlop.pathways.closure import refuse_unready_closure
from forlop.pathways.kernel_bridge import (
    effective_events,
    event_dict,
    judge,
    spec_of,
    stored_data,
)
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.pathways.services.projection import save_state
from forlop.pathways.services.stale import refuse_if_stale


@transaction.atomic
def register_event(
    *,
    pathway: Pathway,
    event: str,
    on: dt.date,
    by,
    outcome: str = "",
    data: dict | None = None,
    today: dt.date | None = None,
    expected_last_event: int | None = None,
) -> PathwayEvent:
    """Append one measurement point after the kernel accepts the whole event list.

    Raises ``NotPermitted`` when ``by`` may not register this event on this pathway
    and ``PathwayRuleError`` (nothing saved) when the kernel refuses. A ``pathway_end``
    closes the pathway (``is_open`` false, ``closed_on`` set) in the same transaction.
    With ``expected_last_event`` (the newest event id the caller saw, 0 for none),
    raises ``StaleRegistration`` when someone registered since. A ``pathway_end``
    must pass the installed closure checks (``ClosureNotReady`` otherwise, ADR 50).
    """
    require_on_pathway(by, permission_for_event(event), pathway)
    if event == "pathway_end":
        refuse_unready_closure(pathway, outcome)
    return append_event(pathway=pathway, event=event, on=on, by=by, outcome=outcome,
                        data=data, today=today, expected_last_event=expected_last_event)


@transaction.atomic  # its own when a loader calls it (the row lock needs a transaction)
def append_event(*, pathway: Pathway, event: str, on: dt.date, by, outcome: str = "",
                 data: dict | None = None, today: dt.date | None = None,
                 expected_last_event: int | None = None) -> PathwayEvent:
    """``register_event`` without the actor check, for services that checked the
    actor for the whole operation (a transfer), and for loaders and test factories.
    Not for views. Runs no closure checks (ADR 50)."""
    today = today or timezone.localdate()
    # Lock the pathway row so two registrations cannot both pass validation.
    locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
    refuse_if_stale(locked, expected_last_event)
    candidate = event_dict(event, on, outcome, data)
    events = [*effective_events(locked.events.all()), candidate]
    evaluation = judge(spec_of(locked), events, today, trust_id=locked.trust_id)

    row = PathwayEvent.objects.create(
        pathway=locked, event=event, on=on, outcome=outcome or "",
        data=stored_data(candidate), registered_by=by,
    )
    save_state(pathway=locked, evaluation=evaluation, events=events, today=today, by=by,
               reason=event)
    pathway.is_open, pathway.closed_on = locked.is_open, locked.closed_on
    return row
