"""What the viewer may register next on a pathway: what the kernel would accept
(``kernel.next_events``), narrowed to what the viewer's access permits."""

from __future__ import annotations

import datetime as dt

from forlop.access.permissions import permission_for_event
from forlop.kernel.next_events import NextEvent, next_events
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of


def registrable_events(pathway, access, today: dt.date, rows=None) -> tuple[NextEvent, ...]:
    """The events (with outcomes) this viewer may register today. ``rows``: the
    pathway's stored events when the caller already has them."""
    rows = list(pathway.events.all()) if rows is None else rows
    offer = next_events(spec_of(pathway), effective_events(rows), today,
                        local_norms=local_norms_for(pathway.trust_id))
    return tuple(item for item in offer if access.can(permission_for_event(item.event)))
