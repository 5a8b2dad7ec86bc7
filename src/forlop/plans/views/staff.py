"""Staff pages of the plan. Reading needs VIEW_PATHWAY and, for a consent-only
reader, a consent that shares plans; writing is clinical (REGISTER_CLINICAL)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.guards import pathway_page
from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.plans import presenters, selectors, services
from forlop.plans.forms import (
    EvaluationDateFormSet,
    MeasureFormSet,
    MeetingForm,
    PlanForm,
    dates_of,
    list_initial,
    rows_of,
)
from forlop.plans.services import PlanRefused
from forlop.plans.views.writes import attempt


def _base(pathway, access) -> dict:
    version = selectors.current_version(pathway)
    return {"pathway": pathway, "access": access, "can": access.flags, "version": version,
            "signature": selectors.signature_of(version),
            "shares_plans": access.shares(ConsentScope.PLANS)}


@pathway_page(Permission.VIEW_PATHWAY, what="treatment_plan")
def plan(request, pathway, access):
    context = _base(pathway, access)
    version = context["version"]
    if context["shares_plans"]:
        context.update(
            parts=presenters.parts(version, access.shares) if version else [],
            status=presenters.status_text(version, context["signature"]),
            evidence=selectors.involvement_evidence(pathway),
            comments=list(selectors.comments_on(pathway)),
            meetings=list(selectors.meetings_on(pathway)))
    return render(request, "plans/plan.html", context)


@pathway_page(Permission.VIEW_PATHWAY, what="treatment_plan_versions")
def plan_versions(request, pathway, access):
    context = _base(pathway, access)
    if context["shares_plans"]:
        rows = list(selectors.versions(pathway))
        signed = {r.version_id: r.at for r in selectors.signatures_on(pathway)}
        context["rows"] = presenters.version_rows(rows, signed)
    return render(request, "plans/versions.html", context)


def _initial(version) -> dict:
    if version is None:
        return {}
    return {name: getattr(version, name) for name in (
        "goals", "what_matters", "options_offered", "option_chosen", "crisis_plan",
        "individual_plan", "responsibility_group")}


@pathway_page(Permission.REGISTER_CLINICAL, what="treatment_plan_edit")
def plan_edit(request, pathway, access):
    version = selectors.current_version(pathway)
    posted = request.POST if request.method == "POST" else None
    measures, dates = list_initial(version)
    form = PlanForm(posted, initial=_initial(version))
    measure_set = MeasureFormSet(posted, initial=measures, prefix="tiltak")
    date_set = EvaluationDateFormSet(posted, initial=dates, prefix="evaluering")
    status = 200
    if posted is not None:
        status = 400
        if form.is_valid() and measure_set.is_valid() and date_set.is_valid():
            content = {k: v for k, v in form.cleaned_data.items() if k != "change_note"}
            content["measures"] = rows_of(measure_set)
            content["evaluation_dates"] = dates_of(date_set)
            saved = attempt(form, (PlanRefused,), services.save_version,
                            pathway=pathway, by=request.user, content=content,
                            change_note=form.cleaned_data["change_note"])
            if saved is not None:
                messages.success(request, _("Behandlingsplanen er lagret som versjon %(n)s.")
                                 % {"n": saved.number})
                return redirect("plans:plan", pathway.pk)
        elif not (measure_set.is_valid() and date_set.is_valid()):
            form.add_error(None, _("Rett feilene i tiltakene eller evalueringsdatoene "
                                   "under."))
    return render(request, "plans/edit.html", {
        "pathway": pathway, "version": version, "form": form, "measure_set": measure_set,
        "date_set": date_set}, status=status)


@pathway_page(Permission.REGISTER_CLINICAL, what="treatment_plan_meeting")
def plan_meeting(request, pathway, access):
    version = selectors.current_version(pathway)
    if version is None:
        messages.info(request, _("Skriv behandlingsplanen først."))
        return redirect("plans:edit", pathway.pk)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            saved = attempt(form, (PlanRefused, PathwayRuleError), services.record_meeting,
                            version=version, by=request.user,
                            held_on=form.cleaned_data["held_on"],
                            present=form.cleaned_data["present"])
            if saved is not None:
                messages.success(request, _("Det er registrert at planen ble laget sammen "
                                            "med pasienten."))
                return redirect("plans:plan", pathway.pk)
    return render(request, "plans/meeting.html", {
        "pathway": pathway, "version": version, "form": form}, status=status)
