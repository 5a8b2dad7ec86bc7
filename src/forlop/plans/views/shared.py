"""The relative's view of one shared pathway: the parts of the plan the consent's
scope allows, and a message for the clinician (any scope)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways.presenters.list_labels import Labels
from forlop.plans import presenters, selectors, services
from forlop.plans.forms import RelativeMessageForm
from forlop.plans.services import PlanRefused
from forlop.plans.views.writes import attempt


@pathway_page(Permission.VIEW_SHARED_RECORD, what="shared_plan")
def shared_plan(request, pathway, access):
    form = RelativeMessageForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = attempt(form, (PlanRefused,), services.leave_message,
                            pathway=pathway, by=request.user, text=form.cleaned_data["text"])
            if saved is not None:
                messages.success(request, _("Takk! Meldingen er lagret, og behandleren ser "
                                            "den i forløpet."))
                return redirect("plans:shared", pathway.pk)
    version = selectors.current_version(pathway)
    return render(request, "plans/shared.html", {
        "pathway": pathway, "version": version, "form": form, "access": access,
        "type": Labels.current().types.get(pathway.type, pathway.type),
        "parts": presenters.shared_parts(version, access) if version else []},
        status=status)
