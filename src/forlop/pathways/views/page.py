"""What the pathway page shows, gathered once for the page, its partial and the
form views that answer with it (a refused registration shows the page again)."""

from __future__ import annotations

from django.utils import timezone

from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission, permission_for_event
from forlop.kernel.catalog_loader import load_catalog
from forlop.pathways.forms import RegisterEventForm
from forlop.pathways.offer import closure_elsewhere, registrable_events
from forlop.pathways.presenters.clocks import clock_rows
from forlop.pathways.presenters.events import event_rows, masked_identifier

REGION = "pathways/_work.html"  # the events, clocks and form: what htmx swaps


def page_context(request, pathway, access, *, form=None) -> dict:
    state = getattr(pathway, "state", None)
    show_clocks = access.shares(ConsentScope.PLANS)
    show_events = access.shares(ConsentScope.COLLABORATION)
    today = timezone.localdate()
    rows = (list(pathway.events.select_related("registered_by").order_by("pk"))
            if show_events else [])
    may_register = show_events and access.can(Permission.EDIT_PATHWAY)
    offer = registrable_events(pathway, access, today, rows) if may_register else ()
    if form is None and offer:
        form = RegisterEventForm(offer=offer, initial={
            "on": today, "last_event": rows[-1].pk if rows else 0})
    clocks = clock_rows(state.clocks if state and show_clocks else [],
                        pathway_type=pathway.type, setting=pathway.setting,
                        severity=pathway.severity, ruleset_id=state.ruleset if state else None,
                        catalog=load_catalog())
    return {
        "pathway": pathway, "state": state, "access": access, "can": access.flags,
        "clocks": clocks, "show_clocks": show_clocks, "show_events": show_events,
        "events": event_rows(rows, may_correct=lambda key: access.can(
            permission_for_event(key))),
        "last_event": rows[-1].pk if rows else 0,
        "form": form, "closure_elsewhere": closure_elsewhere(pathway, offer),
        "masked_identifier": masked_identifier(pathway.patient.identifier),
    }


def template_for(request, full: str) -> str:
    """The page's region for an htmx request, the full page otherwise (same URL)."""
    return REGION if getattr(request, "htmx", False) else full
