"""Pages of the individual plan and of the hand-over at closure. Every page is
guarded (``guards.plan_page`` for the plan, ``access.guards`` for the rest): access
decided and logged before the view runs; the services check the actor again."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page, requires
from forlop.access.models import ConsentScope
from forlop.access.permissions import Permission
from forlop.access.selectors import own_patient
from forlop.followup import presenters, selectors, services
from forlop.followup.forms import (
    CommentForm,
    ConfirmForm,
    DateFormSet,
    MemberFormSet,
    PlanForm,
    ResponsibilityFormSet,
)
from forlop.followup.guards import plan_page, run_guarded
from forlop.plans.forms import dates_of, list_initial, rows_of
from forlop.plans.views.answer import PatientAnswer
from forlop.plans.views.writes import attempt


def _history(patient) -> list[dict]:
    rows = list(selectors.versions(patient))
    return [{"version": v, "changed": presenters.changed_fields(
        v, rows[i + 1] if i + 1 < len(rows) else None)} for i, v in enumerate(rows)]


@plan_page("read", what="individual_plan")
def plan(request, patient, access):
    version = selectors.current_version(patient)
    return render(request, "followup/plan.html", {
        "patient": patient, "access": access, "version": version,
        "parts": presenters.parts(version) if version else [],
        "signature": selectors.signature_of(version),
        "comments": list(selectors.comments_on(patient)), "history": _history(patient)})


@plan_page("write", what="individual_plan_edit")
def plan_edit(request, patient, access):
    version = selectors.current_version(patient)
    posted = request.POST if request.method == "POST" else None
    form = PlanForm(posted, initial={"goals": version.goals} if version else None)
    measures, dates = list_initial(version)
    measure_set = ResponsibilityFormSet(posted, prefix="tiltak", initial=measures)
    date_set = DateFormSet(posted, prefix="evaluering", initial=dates)
    member_set = MemberFormSet(posted, prefix="gruppe",
                               initial=[dict(m) for m in version.group] if version else [])
    sets = (measure_set, date_set, member_set)
    status = 200
    if posted is not None:
        status = 400
        if form.is_valid() and all(s.is_valid() for s in sets):
            content = {"goals": form.cleaned_data["goals"], "measures": rows_of(measure_set),
                       "evaluation_dates": dates_of(date_set), "group": rows_of(member_set)}
            saved = attempt(form, (services.Refused,), services.save_version,
                            patient=patient, by=request.user, content=content,
                            change_note=form.cleaned_data["change_note"])
            if saved is not None:
                messages.success(request, _("Den individuelle planen er lagret som versjon "
                                            "%(n)s.") % {"n": saved.number})
                return redirect("followup:plan", patient.pk)
        elif not all(s.is_valid() for s in sets):
            form.add_error(None, _("Rett feilene i tiltakene, evalueringsdatoene eller "
                                   "ansvarsgruppen under."))
    return render(request, "followup/edit.html", {
        "patient": patient, "version": version, "form": form, "measure_set": measure_set,
        "date_set": date_set, "member_set": member_set}, status=status)


@requires(Permission.VIEW_OWN_RECORD)
def own_plan(request):
    """Min side: the patient's individual plan in plain words; sign or comment."""
    patient = own_patient(request.user)
    if patient is None:
        raise Http404
    return run_guarded(request, _own_plan, patient, "read", "own_individual_plan")


def _own_plan(request, patient, access):
    version = selectors.current_version(patient)
    answer = PatientAnswer(request, comment_form=CommentForm)
    if answer.ready(version, none_yet=_("Du har ingen individuell plan å svare på ennå.")):
        response = attempt(answer.form, (services.Refused,), services.respond,
                           version=version, by=request.user, kind=answer.kind,
                           comment=answer.comment)
        if response is not None:
            answer.thank(request, response, commented=_(
                "Takk! Koordinatoren din i kommunen ser kommentaren din."))
            return redirect("followup:own_plan")
    return render(request, "followup/own_plan.html", {
        "patient": patient, "version": version, "section": "individual_plan",
        "parts": presenters.parts(version, plain=True) if version else [],
        "signature": selectors.signature_of(version), **answer.forms(),
        "comments": [c for c in selectors.comments_on(patient) if c.by_id == request.user.pk]},
        status=answer.status)


@pathway_page(Permission.REGISTER_CLINICAL, what="follow_up_handover")
def handover(request, pathway, access):
    """The specialist side: the follow-up plan and its responsible as the checklist
    has them, whether the municipality has confirmed, and "ask it to confirm"."""
    checklist = selectors.latest_checklist(pathway)
    plan = selectors.current_version(pathway.patient)
    status, error = 200, ""
    if request.method == "POST":
        try:
            services.request_confirmation(pathway=pathway, by=request.user)
        except NotPermitted as exc:
            raise Http404 from exc
        except services.Refused as refused:
            status, error = 400, str(refused)
        else:
            messages.success(request, _("Oppfølgingsplanen er sendt til %(m)s, som blir bedt "
                                        "om å bekrefte den.") % {
                                            "m": pathway.patient.municipality.name})
            return redirect("followup:handover", pathway.pk)
    request_row = selectors.newest_request(pathway)
    return render(request, "followup/handover.html", {
        "pathway": pathway, "checklist": checklist, "plan": plan, "error": error,
        "problems": selectors.hand_over_problems(checklist, plan),
        "request_row": request_row, "confirmation": selectors.confirmation_of(request_row),
        "missing": selectors.missing_confirmation(pathway)}, status=status)


@pathway_page(Permission.CONFIRM_FOLLOW_UP, what="follow_up_confirm")
def confirm(request, pathway, access):
    """The municipality's side: read the follow-up plan sent and confirm the takeover
    (within the patient's consent: its scope must share plans)."""
    if not access.shares(ConsentScope.PLANS):
        raise Http404
    request_row = selectors.newest_request(pathway)
    confirmation = selectors.confirmation_of(request_row)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if request_row is None:
            form.add_error(None, _("Spesialisthelsetjenesten har ikke sendt noen "
                                   "oppfølgingsplan å bekrefte."))
        elif form.is_valid():
            saved = attempt(form, (services.Refused,), services.confirm,
                            request=request_row, by=request.user, note=form.cleaned_data["note"])
            if saved is not None:
                messages.success(request, _("Takk! Spesialisthelsetjenesten ser at kommunen "
                                            "har overtatt oppfølgingen."))
                return redirect("followup:confirm", pathway.pk)
    plan = request_row.plan_version if request_row else None
    return render(request, "followup/confirm.html", {
        "pathway": pathway, "request_row": request_row, "confirmation": confirmation,
        "parts": presenters.parts(plan) if plan else [], "form": form}, status=status)


@requires(Permission.CONFIRM_FOLLOW_UP)
def awaiting(request):
    """The municipal user's follow-up plans to confirm (B's worklist shows the same
    list after the merge). Every patient listed is logged."""
    from forlop.access.audit import Touch, log_access
    from forlop.access.models import Action, Basis

    rows = selectors.awaiting_confirmation(request.user)
    log_access(request, action=Action.READ, what="follow_up_awaiting",
               touches=[Touch(r.pathway.patient_id, Basis.MUNICIPAL_CONSENT) for r in rows])
    return render(request, "followup/awaiting.html", {"rows": rows})
