"""Staff pages of access control: consent registered on the patient's word, the
patient's access log for review, patient search with emergency access, and the
leader's review list of emergency accesses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forlop.access import grants, selectors, services
from forlop.access.audit import Touch, log_access
from forlop.access.forms import (
    BreakGlassForm,
    PatientSearchForm,
    ReviewForm,
    RoleEndForm,
    RoleGrantForm,
    StaffConsentForm,
)
from forlop.access.guards import pathway_page, requires
from forlop.access.models import Action, Basis, Outcome, Participant
from forlop.access.permissions import Permission
from forlop.access.policy import role_permissions
from forlop.access.presenters import log_lines
from forlop.pathways.models import Pathway


@pathway_page(Permission.MANAGE_CONSENT, what="consent")
def pathway_consents(request, pathway, access):
    patient = pathway.patient
    form = StaffConsentForm(request.POST or None, patient=patient)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        is_municipality = data["participant"] == Participant.MUNICIPALITY
        services.grant_consent(
            patient=patient, by=request.user, participant=data["participant"],
            scope=data["scope"], valid_from=data["valid_from"], valid_to=data["valid_to"],
            pathway=pathway if data["only_this_pathway"] else None,
            participant_user=None if is_municipality else data["participant_user"],
            participant_municipality=patient.municipality if is_municipality else None,
            basis=access.basis, request_id=request.request_id)
        messages.success(request, _("Samtykket er registrert."))
        return redirect("access:pathway_consents", pathway.pk)
    return render(request, "access/pathway_consents.html", {
        "pathway": pathway, "form": form, "consents": selectors.consents_of(patient)})


@require_POST
@pathway_page(Permission.MANAGE_CONSENT, what="consent")
def pathway_consent_revoke(request, pathway, access, consent_id):
    consent = get_object_or_404(selectors.consents_of(pathway.patient), pk=consent_id)
    services.revoke_consent(consent=consent, by=request.user, basis=access.basis,
                            request_id=request.request_id)
    messages.success(request, _("Samtykket er trukket tilbake. Delingen stoppet nå."))
    return redirect("access:pathway_consents", pathway.pk)


@pathway_page(Permission.REVIEW_ACCESS, what="access_log")
def pathway_log(request, pathway, access):
    from forlop.site.paging import page_with_total

    page = page_with_total(selectors.log_of(pathway.patient), request.GET.get("side"), 50)
    return render(request, "access/pathway_log.html", {
        "pathway": pathway, "page": page, "lines": log_lines(page.object_list)})


@requires(Permission.VIEW_WORKLIST)
def patient_search(request):
    form = PatientSearchForm(request.POST or None)
    context = {"form": form, "searched": False}
    if request.method == "POST" and form.is_valid():
        context.update(_search(request, form.cleaned_data["identifier"]))
    return render(request, "access/search.html", context)


def _search(request, identifier: str) -> dict:
    patient = selectors.patient_by_identifier(identifier)
    found = (list(Pathway.objects.visible_to(request.user).filter(patient=patient)
                  .select_related("unit", "state")) if patient else [])
    if patient:
        log_access(request, action=Action.SEARCH, what="search",
                   outcome=Outcome.ALLOWED if found else Outcome.REFUSED,
                   touches=[Touch(patient.pk, Basis.NONE)])
    can_break_glass = Permission.BREAK_GLASS in role_permissions(request.user)
    return {"searched": True, "found": found, "can_break_glass": can_break_glass,
            "glass_form": BreakGlassForm(initial={"identifier": identifier})}


@require_POST
@requires(Permission.BREAK_GLASS)
def break_glass(request):
    form = BreakGlassForm(request.POST)
    if form.is_valid():
        identifier = form.cleaned_data["identifier"]
        try:
            services.take_break_glass(user=request.user,
                                      patient=selectors.patient_by_identifier(identifier),
                                      reason=form.cleaned_data["reason"],
                                      request_id=request.request_id)
        except ValidationError as error:
            form.add_error(None, error)
        except services.BreakGlassRefused:
            form.add_error(None, _(
                "Nødtilgang kan ikke gis for dette nummeret. Nødtilgang gis bare til "
                "pasienter med forløp i ditt eget helseforetak. Forsøket er logget."))
        else:
            messages.warning(request, _("Nødtilgang er gitt. Den er logget, vises for "
                                        "pasienten og blir gjennomgått av leder."))
            context = _search(request, identifier)
            return render(request, "access/search.html",
                          {"form": PatientSearchForm(), **context})
    return render(request, "access/search.html", {
        "form": PatientSearchForm(), "searched": True, "found": [], "can_break_glass": True,
        "glass_form": form}, status=400)


@requires(Permission.REVIEW_ACCESS)
def review_list(request):
    items = list(selectors.break_glass_to_review(request.user)[:200])
    log_access(request, action=Action.READ, what="break_glass_review",
               touches=[Touch(i.patient_id, Basis.UNIT, "leader", i.unit_id) for i in items])
    return render(request, "access/review_list.html", {"items": items, "form": ReviewForm()})


@require_POST
@requires(Permission.REVIEW_ACCESS)
def review_item(request, item_id):
    item = selectors.break_glass_to_review(request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.review_break_glass(item=item, by=request.user, note=form.cleaned_data["note"],
                                    request_id=request.request_id)
        messages.success(request, _("Nødtilgangen er merket som gjennomgått."))
    else:
        messages.error(request, _("Merknaden ble ikke lagret: %(problem)s") % {
            "problem": " ".join(form.errors.get("note", []))})
    return redirect("access:review_list")


@requires(Permission.MANAGE_ROLES)
def roles(request):
    """Roles at the places the user administers: grant one (a service that logs it),
    see and end them."""
    places = grants.administered_places(request.user)
    form = RoleGrantForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grants.grant_role(user=data["username"], role=data["role"], place=data["place"],
                              valid_from=data["valid_from"], valid_to=data["valid_to"],
                              by=request.user, request_id=request.request_id)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Rollen er gitt og logget."))
            return redirect("access:roles")
    return render(request, "access/roles.html", {
        "form": form, "assignments": selectors.role_assignments_in(places),
        "end_form": RoleEndForm(initial={"on": timezone.localdate()})},
        status=400 if form.errors else 200)


@require_POST
@requires(Permission.MANAGE_ROLES)
def role_end(request, assignment_id):
    places = grants.administered_places(request.user)
    assignment = get_object_or_404(selectors.role_assignments_in(places), pk=assignment_id)
    form = RoleEndForm(request.POST)
    if form.is_valid():
        try:
            grants.end_role(assignment=assignment, on=form.cleaned_data["on"], by=request.user,
                            request_id=request.request_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Rollen er avsluttet og logget."))
    else:
        messages.error(request, _("Velg siste dag med rollen."))
    return redirect("access:roles")
