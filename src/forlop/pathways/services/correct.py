from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from forlop.access.authorize import require_on_pathway
from forlop.access.permissions import permission_for_event
from forlop.pathways.closure import refuse_unready_closure
from forlop.pathways.kernel_bridge import (
    effective_rows,
    event_dict,
    judge,
    spec_of,
    stored_data,
)
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.pathways.services.projection import save_state
from forlop.pathways.services.stale import refuse_if_stale


@transaction.atomic
def correct_event(
    *,
    event: PathwayEvent,
    by,
    reason: str,
    on: dt.date | None = None,
    outcome: str | None = None,
    retract: bool = False,
    today: dt.date | None = None,
    expected_last_event: int | None = None,
) -> PathwayEvent:
    """Correct a registered event by a new row that supersedes it (never an UPDATE).

    ``retract=True`` withdraws the event; otherwise the new row carries the corrected
    date/outcome. The corrected list must pass the kernel, or nothing is saved.
    With ``expected_last_event`` (the newest event id the caller saw), raises
    ``StaleRegistration`` when someone registered since.
    """
    require_on_pathway(by, permission_for_event(event.event), event.pathway)
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    if PathwayEvent.objects.filter(supersedes=event).exists():
        raise ValueError("This event has already been corrected; correct the newest version.")
    if (event.event == "pathway_end" and not retract and outcome is not None
            and outcome != event.outcome):
        refuse_unready_closure(event.pathway, outcome)  # no "died" -> "completed" by a fix
    today = today or timezone.localdate()
    pathway = Pathway.objects.select_for_update().get(pk=event.pathway_id)
    refuse_if_stale(pathway, expected_last_event)
    # The events as they stand once ``event`` is superseded: the effective rows without
    # it. (Leaving it out of the rows instead would bring back the version ``event``
    # itself superseded, when it is a correction.)
    events = [event_dict(r.event, r.on, r.outcome, r.data)
              for r in effective_rows(pathway.events.all()) if r.pk != event.pk]
    new = event_dict(event.event, on or event.on,
                     event.outcome if outcome is None else outcome, event.data)
    if not retract:
        events.append(new)
    evaluation = judge(spec_of(pathway), events, today, trust_id=pathway.trust_id)
    row = PathwayEvent.objects.create(
        pathway=pathway, event=event.event, on=new["date"], outcome=new["outcome"] or "",
        data=stored_data(new), supersedes=event, is_retraction=retract, reason=reason,
        registered_by=by,
    )
    save_state(pathway=pathway, evaluation=evaluation, events=events, today=today, by=by,
               reason=f"correction: {reason}")
    return row
