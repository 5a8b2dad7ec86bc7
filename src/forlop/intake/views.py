"""Referral intake pages: the list waiting for assessment, register, assess and start.
Each loads through the scoped selectors, checks the permission, calls one service and
logs every patient it shows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forlop.access import selectors as access_selectors
from forlop.access.audit import Touch, log_access
from forlop.access.authorize import unit_permissions
from forlop.access.guards import requires
from forlop.access.models import Action, Basis, Outcome
from forlop.access.permissions import Permission
from forlop.intake import selectors, services
from forlop.intake.deadlines import assessment_due
from forlop.intake.forms import AssessReferralForm, RegisterReferralForm
from forlop.intake.presenters import ReferralRow
from forlop.site.paging import page_with_total

PAGE_SIZE = 50


@requires(Permission.EDIT_PATHWAY)
def referral_list(request):
    page = page_with_total(selectors.waiting_referrals(request.user), request.GET.get("side"),
                           PAGE_SIZE)
    roles = selectors.roles_by_unit(request.user)
    log_access(request, action=Action.READ, what="referral_list",
               touches=[Touch(r.patient_id, Basis.UNIT, roles.get(r.unit_id, ""), r.unit_id)
                        for r in page.object_list])
    today = timezone.localdate()
    rows = [ReferralRow.of(r, today) for r in page.object_list]
    return render(request, "intake/list.html", {"page": page, "rows": rows})


@requires(Permission.EDIT_PATHWAY)
def register(request):
    form = RegisterReferralForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first_trust = None
        if data["first_trust_name"]:
            first_trust = (data["first_trust_started_on"], data["first_trust_name"])
        try:
            referral = services.register_referral(
                unit=data["unit"], by=request.user,
                patient=services.NewPatient(data["identifier"], data["name"],
                                            data["birth_date"]),
                received_on=data["received_on"], referrer_kind=data["referrer_kind"],
                referrer_name=data["referrer_name"], referrer_hpr=data["referrer_hpr"],
                gp_office=data["gp_office"], referring_gp=data["referring_gp"],
                first_trust=first_trust,
                request_id=request.request_id)
        except ValidationError as refused:
            _log_refused_patient(request, data["identifier"])
            form.add_error(None, refused)
        else:
            messages.success(request, _(
                "Henvisningen er registrert. Frist for vurdering: %(due)s.") % {
                "due": date_format(assessment_due(referral.received_on), "j.n.Y")})
            return redirect("intake:list")
    return render(request, "intake/register.html", {"form": form})


def _log_refused_patient(request, identifier: str) -> None:
    """A refused registration may have matched a known patient: log that touch."""
    patient = access_selectors.patient_by_identifier(identifier)
    if patient is not None:
        log_access(request, action=Action.WRITE, what="referral", outcome=Outcome.REFUSED,
                   touches=[Touch(patient.pk, Basis.NONE)])


@requires(Permission.EDIT_PATHWAY)
def assess(request, referral_id):
    referral = selectors.waiting_referrals(request.user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    if Permission.REGISTER_CLINICAL not in unit_permissions(request.user, referral.unit):
        log_access(request, action=Action.READ, what="referral_assessment",
                   outcome=Outcome.REFUSED, touches=[Touch(referral.patient_id, Basis.NONE)])
        raise PermissionDenied
    form = AssessReferralForm(request.POST or None, unit=referral.unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pathway = services.assess_referral(
                referral=referral, by=request.user, assessed_on=data["assessed_on"],
                right_granted=data["right_granted"], type=data["type"],
                setting=data["setting"], severity=data["severity"],
                coordinator=data["coordinator"], request_id=request.request_id)
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            if pathway is None:
                messages.success(request, _("Vurderingen er registrert: ikke rett til "
                                            "nødvendig helsehjelp. Henvisningen er avsluttet."))
                return redirect("intake:list")
            messages.success(request, _("Vurderingen er registrert og forløpet er startet."))
            return redirect("pathway_detail", pathway.pk)
    role = selectors.roles_by_unit(request.user).get(referral.unit_id, "")
    log_access(request, action=Action.READ, what="referral_assessment",
               touches=[Touch(referral.patient_id, Basis.UNIT, role, referral.unit_id)])
    return render(request, "intake/assess.html", {
        "form": form, "row": ReferralRow.of(referral, timezone.localdate())})
