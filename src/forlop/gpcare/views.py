"""The GP's pages (/fastlege/), consultations for both sides (/konsultasjoner/) and the
"send feedback" action on a pathway. Each loads through scoped selectors (pathways
through ``visible_to`` and ``access_to`` only), checks, calls one service and logs
every patient it shows before it answers."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.audit import Touch, log_access
from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page, requires
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission
from forlop.access.policy import access_to, unit_roles_of
from forlop.gpcare import selectors, services
from forlop.gpcare.feedback import latest_decision
from forlop.gpcare.forms import AnswerConsultationForm, AskConsultationForm, FeedbackForm
from forlop.gpcare.models import UnitContact
from forlop.gpcare.presenters import STATUS_FILTERS, GpPathwayRow, status_filter
from forlop.kernel.catalog_loader import load_catalog
from forlop.pathways.models import Pathway
from forlop.pathways.presenters.clocks import clock_rows
from forlop.site.paging import page_with_total

PAGE_SIZE = 25
FEEDBACK_KINDS = ("feedback_assessment", "feedback_decision")
GP_MESSAGE_KINDS = (*FEEDBACK_KINDS, "closure", "consultation", "early_flag",
                    "follow_up_plan")


def _refuse(form, refused: ValidationError) -> None:
    if hasattr(refused, "error_dict"):
        for name, errors in refused.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, refused)


def _contacts(unit_ids) -> dict[int, str]:
    return {c.unit_id: _("Telefon: %(phone)s") % {"phone": c.phone}
            for c in UnitContact.objects.filter(unit_id__in=unit_ids) if c.phone}


def _messages_to(user, offices, limit=20):
    """The newest messages to the user's GP offices (the messaging core's inbox)."""
    try:
        from forlop.messaging.selectors import inbox
    except ImportError:  # pragma: no cover - before the messaging core lands
        return []
    return list(inbox(user).filter(to_gp_office__in=offices, kind__in=GP_MESSAGE_KINDS)
                .select_related("pathway", "patient")[:limit])


@requires(Permission.WORK_AS_GP)
def home(request):
    offices = list(selectors.gp_offices_of(request.user))
    shown = status_filter(request.GET.get("vis", ""))
    scope = Pathway.objects.visible_to(request.user).filter(selectors.office_scope(offices))
    if shown == "apne":
        scope = scope.filter(is_open=True)
    elif shown == "avsluttede":
        scope = scope.filter(is_open=False)
    scope = scope.select_related("patient", "unit", "unit__trust", "coordinator", "state")
    page = page_with_total(scope.order_by("-is_open", "-started_on", "pk").distinct(),
                           request.GET.get("side"), PAGE_SIZE)
    pathways = list(page.object_list)
    decisions = [(p, access_to(request.user, p)) for p in pathways]
    log_access(request, action=Action.READ, what="gp_page",
               touches=[Touch(p.patient_id, a.basis, a.role, a.unit_id) for p, a in decisions])
    contacts, catalog = _contacts({p.unit_id for p in pathways}), load_catalog()
    rows = []
    for pathway, access in decisions:
        state = getattr(pathway, "state", None)
        clocks = [c for c in clock_rows(
            state.clocks if state else [], pathway_type=pathway.type, setting=pathway.setting,
            severity=pathway.severity, ruleset_id=state.ruleset if state else None,
            catalog=catalog) if not c.done_text]
        rows.append(GpPathwayRow.of(pathway, access, contacts, clocks))
    consultations = list(selectors.consultations_of_offices(request.user)[:20])
    inbox = _messages_to(request.user, offices)
    log_access(request, action=Action.READ, what="gp_page_consultations",
               touches=[Touch(c.patient_id, Basis.GP_LIST, "gp") for c in consultations])
    return render(request, "gpcare/home.html", {
        "offices": offices, "rows": rows, "page": page, "shown": shown,
        "filters": STATUS_FILTERS.items(), "query": f"vis={shown}",
        "consultations": consultations, "inbox": inbox})


@requires(Permission.WORK_AS_GP)
def consultation_new(request):
    offices = selectors.gp_offices_of(request.user)
    form = AskConsultationForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asked = services.ask_consultation(
                by=request.user, office=data["office"], unit=data["unit"],
                identifier=data["identifier"], name=data["name"], question=data["question"],
                request_id=request.request_id)
        except NotPermitted as exc:
            raise PermissionDenied from exc
        except ValidationError as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Spørsmålet er sendt til %(unit)s.")
                             % {"unit": asked.unit.name})
            return redirect("gpcare:consultation", asked.pk)
    return render(request, "gpcare/consultation_new.html", {"form": form},
                  status=400 if form.errors else 200)


@requires(Permission.REGISTER_CLINICAL)
def consultation_list(request):
    page = page_with_total(selectors.consultations_to_units(request.user),
                           request.GET.get("side"), 50)
    roles = _roles_by_unit(request.user)
    log_access(request, action=Action.READ, what="consultation_list",
               touches=[Touch(c.patient_id, Basis.UNIT, roles.get(c.unit_id, ""), c.unit_id)
                        for c in page.object_list])
    return render(request, "gpcare/consultations.html", {"page": page})


def _roles_by_unit(user) -> dict[int, str]:
    out: dict[int, str] = {}
    for unit_id, role in unit_roles_of(user).order_by("role").values_list("unit_id", "role"):
        out.setdefault(unit_id, role)
    return out


def consultation(request, consultation_id):
    """Either side reads it; the unit's clinical staff answer it (POST)."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    found, side = selectors.consultation_for(request.user, consultation_id)
    if found is None:
        raise Http404
    touch = (Touch(found.patient_id, Basis.GP_LIST, "gp") if side == "gp" else
             Touch(found.patient_id, Basis.UNIT, _roles_by_unit(request.user).get(
                 found.unit_id, ""), found.unit_id))
    form = AnswerConsultationForm(request.POST or None) if side == "unit" else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.answer_consultation(by=request.user, consultation=found,
                                             answer=form.cleaned_data["answer"],
                                             request_id=request.request_id)
            except NotPermitted as exc:
                raise PermissionDenied from exc
            except ValidationError as refused:
                _refuse(form, refused)
            else:
                messages.success(request, _("Svaret er sendt til %(office)s.")
                                 % {"office": found.gp_office.name})
                return redirect("gpcare:consultation", found.pk)
    log_access(request, action=Action.WRITE if request.method == "POST" else Action.READ,
               what="consultation", touches=[touch])
    return render(request, "gpcare/consultation.html", {
        "consultation": found, "side": side,
        "form": form if form is not None and not found.is_answered else None},
        status=400 if form is not None and form.errors else 200)


@pathway_page(Permission.REGISTER_CLINICAL, what="feedback")
def send_feedback(request, pathway, access):
    has_decision = latest_decision(pathway) is not None
    form = FeedbackForm(request.POST or None, initial={
        "kind": "decision" if has_decision else "assessment"})
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.send_feedback(pathway=pathway, by=request.user,
                                          kind=form.cleaned_data["kind"],
                                          next_steps=form.cleaned_data["next_steps"],
                                          request_id=request.request_id)
        except NotPermitted as exc:
            raise Http404 from exc
        except ValidationError as refused:
            _refuse(form, refused)
        else:
            messages.success(request, _("Tilbakemeldingen er sendt til %(to)s.") % {
                "to": ", ".join(m.to_gp_office.name for m in sent)})
            return redirect("pathway_detail", pathway.pk)
    offices = services.feedback_offices(pathway.patient, pathway.referral)
    return render(request, "gpcare/feedback.html", {
        "pathway": pathway, "form": form, "offices": offices, "has_decision": has_decision,
        "sent": _sent_feedback(pathway)}, status=400 if form.errors else 200)


def _sent_feedback(pathway):
    try:
        from forlop.messaging.selectors import messages_about
    except ImportError:  # pragma: no cover - before the messaging core lands
        return []
    return list(messages_about(pathway).filter(kind__in=FEEDBACK_KINDS)
                .select_related("to_gp_office"))
