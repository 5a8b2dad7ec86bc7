"""Min side: the patient reads their plan and co-signs or comments on it, and
answers the self-report before an evaluation. The guard admits the patient of the
pathway alone (VIEW_OWN_RECORD comes from their own record); the services check
TAKE_PART_IN_OWN_PLAN before they write."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.list_labels import Labels
from forlop.plans import presenters, selectors, services
from forlop.plans.forms import SelfReportForm
from forlop.plans.services import PlanRefused
from forlop.plans.views.answer import PatientAnswer
from forlop.plans.views.writes import attempt


def _type(pathway) -> str:
    return Labels.current().types.get(pathway.type, pathway.type)


@pathway_page(Permission.VIEW_OWN_RECORD, what="own_treatment_plan")
def own_plan(request, pathway, access):
    version = selectors.current_version(pathway)
    answer = PatientAnswer(request)
    if answer.ready(version, none_yet=_("Det finnes ingen plan å svare på ennå.")):
        response = attempt(answer.form, (PlanRefused, PathwayRuleError), services.respond,
                           version=version, by=request.user, kind=answer.kind,
                           comment=answer.comment)
        if response is not None:
            answer.thank(request, response,
                         commented=_("Takk! Behandleren din ser kommentaren din."))
            return redirect("plans:own_plan", pathway.pk)
    signature = selectors.signature_of(version)
    return render(request, "plans/own_plan.html", {
        "pathway": pathway, "type": _type(pathway), "version": version,
        "parts": presenters.parts(version) if version else [], "signature": signature,
        **answer.forms(),
        "comments": [c for c in selectors.comments_on(pathway) if c.by_id == request.user.pk],
        }, status=answer.status)


@pathway_page(Permission.VIEW_OWN_RECORD, what="self_report")
def self_report(request, pathway, access):
    form = SelfReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = attempt(form, (PlanRefused,), services.answer_self_report,
                            pathway=pathway, by=request.user, **form.cleaned_data)
            if saved is not None:
                messages.success(request, _("Takk! Behandleren din ser svaret ditt før "
                                            "evalueringen."))
                return redirect("plans:self_report", pathway.pk)
    return render(request, "plans/self_report.html", {
        "pathway": pathway, "type": _type(pathway), "form": form,
        "latest": selectors.latest_self_report(pathway)}, status=status)
