"""The pathway page: one patient's pathway, its clocks and events.

``pathway_page`` decides access and writes the access log before this runs; what a
consent-only reader (municipality, collaboration partner) sees follows the scope
of the consent.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from forlop.access.guards import pathway_page
from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.worklist.presenters import clock_label

STATUS_LABELS = {"met": _("innfridd"), "breached": _("fristbrudd"), "open": _("løper"),
                 "closed": _("avsluttet")}


@pathway_page(Permission.VIEW_PATHWAY, what="pathway")
def pathway_detail(request, pathway, access):
    state = getattr(pathway, "state", None)
    show_clocks = access.shares(ConsentScope.PLANS)
    show_events = access.shares(ConsentScope.COLLABORATION)
    clocks = [
        {"label": clock_label(c["clock"]), "due": c.get("due"), "done": c.get("done"),
         "status": str(STATUS_LABELS.get(c.get("status"), c.get("status"))),
         "breached": c.get("status") == "breached", "patient_caused": c.get("patient_caused")}
        for c in (state.clocks if state and show_clocks else [])
    ]
    events = (pathway.events.select_related("registered_by").order_by("on", "pk")
              if show_events else [])
    return render(request, "pathways/detail.html", {
        "pathway": pathway, "state": state, "access": access, "can": access.flags,
        "clocks": clocks, "events": events, "show_clocks": show_clocks,
        "show_events": show_events,
    })
