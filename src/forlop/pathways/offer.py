"""What the viewer may register next on a pathway: what the kernel would accept
(``kernel.next_events``), narrowed to what the viewer's access permits, without the
closure outcomes an installed closure check guards (they close through their own
page, the closure checklist; ADR 50)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.urls import reverse

from forlop.access.permissions import permission_for_event
from forlop.kernel.next_events import NextEvent, next_events
from forlop.pathways.closure import CLOSURE_CHECKS, checked_outcomes
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of


def registrable_events(pathway, access, today: dt.date, rows=None) -> tuple[NextEvent, ...]:
    """The events (with outcomes) this viewer may register today. ``rows``: the
    pathway's stored events when the caller already has them."""
    rows = list(pathway.events.all()) if rows is None else rows
    offer = next_events(spec_of(pathway), effective_events(rows), today,
                        local_norms=local_norms_for(pathway.trust_id))
    guarded = checked_outcomes()
    return tuple(
        dataclasses.replace(item, outcomes=tuple(o for o in item.outcomes if o not in guarded))
        if item.event == "pathway_end" else item
        for item in offer if access.can(permission_for_event(item.event)))


def closure_elsewhere(pathway, offer) -> list[dict]:
    """Links to the pages where the guarded closures are made, when the offer
    includes closing the pathway."""
    if not any(item.event == "pathway_end" for item in offer):
        return []
    return [{"url": reverse(c.url_name, args=[pathway.pk]), "where": c.where}
            for c in CLOSURE_CHECKS if c.url_name]
