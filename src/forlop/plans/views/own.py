"""Min side: the patient reads their plan and co-signs or comments on it, and
answers the self-report before an evaluation. The guard admits the patient of the
pathway alone (VIEW_OWN_RECORD comes from their own record); the services check
TAKE_PART_IN_OWN_PLAN before they write."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.presenters.kernel_errors import error_text
from forlop.pathways.presenters.list_labels import Labels
from forlop.plans import presenters, selectors, services
from forlop.plans.forms import CommentForm, SelfReportForm, SignForm
from forlop.plans.models import ResponseKind
from forlop.plans.services import PlanRefused
from forlop.site.dates import norwegian_date

SIGN, COMMENT = "signer", "kommenter"


def _type(pathway) -> str:
    return Labels.current().types.get(pathway.type, pathway.type)


@pathway_page(Permission.VIEW_OWN_RECORD, what="own_treatment_plan")
def own_plan(request, pathway, access):
    version = selectors.current_version(pathway)
    answer = request.POST.get("svar") if request.method == "POST" else None
    sign_form = SignForm(request.POST if answer == SIGN else None, prefix=SIGN)
    comment_form = CommentForm(request.POST if answer == COMMENT else None, prefix=COMMENT)
    status = 200
    if request.method == "POST":
        status = 400
        form = sign_form if answer == SIGN else comment_form
        if version is None:
            form.add_error(None, _("Det finnes ingen plan å svare på ennå."))
        elif form.is_valid():
            done = _respond(request, version, answer, form)
            if done:
                return redirect("plans:own_plan", pathway.pk)
    signature = selectors.signature_of(version)
    return render(request, "plans/own_plan.html", {
        "pathway": pathway, "type": _type(pathway), "version": version,
        "parts": presenters.parts(version) if version else [], "signature": signature,
        "sign_form": sign_form, "comment_form": comment_form,
        "comments": [c for c in selectors.comments_on(pathway) if c.by_id == request.user.pk],
        }, status=status)


def _respond(request, version, answer, form) -> bool:
    kind = ResponseKind.SIGNED if answer == SIGN else ResponseKind.COMMENT
    try:
        response = services.respond(version=version, by=request.user, kind=kind,
                                    comment=form.cleaned_data.get("comment", ""))
    except NotPermitted as exc:
        raise Http404 from exc
    except PlanRefused as refused:
        form.add_error(None, str(refused))
        return False
    except PathwayRuleError as refused:
        for error in refused.errors:
            form.add_error(None, error_text(error))
        return False
    if kind == ResponseKind.SIGNED:
        at = timezone.localtime(response.at)
        messages.success(request, _("Takk! Du signerte planen %(date)s klokka %(time)s.") % {
            "date": norwegian_date(at.date()), "time": at.strftime("%H.%M")})
    else:
        messages.success(request, _("Takk! Behandleren din ser kommentaren din."))
    return True


@pathway_page(Permission.VIEW_OWN_RECORD, what="self_report")
def self_report(request, pathway, access):
    form = SelfReportForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.answer_self_report(pathway=pathway, by=request.user,
                                            **form.cleaned_data)
            except NotPermitted as exc:
                raise Http404 from exc
            except PlanRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Takk! Behandleren din ser svaret ditt før "
                                            "evalueringen."))
                return redirect("plans:self_report", pathway.pk)
    return render(request, "plans/self_report.html", {
        "pathway": pathway, "type": _type(pathway), "form": form,
        "latest": selectors.latest_self_report(pathway)}, status=status)
