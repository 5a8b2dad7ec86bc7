from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.collaboration import selectors, services
from forlop.collaboration.forms import ClosureForm
from forlop.collaboration.views.common import refuse
from forlop.pathways.closure import missing_for
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.moves.refusals import kernel_refusals


def _initial(checklist) -> dict | None:
    if checklist is None:
        return None
    return {key: getattr(checklist, key) for key in services.closure.CHECKLIST_FIELDS}


@pathway_page(Permission.REGISTER_CLINICAL, what="closure")
def closure(request, pathway, access):
    """The closure checklist. ``lagre`` saves it as it stands; ``avslutt`` closes the
    pathway, refused with every missing item named while any is missing."""
    checklist = selectors.latest_checklist(pathway)
    form = ClosureForm(request.POST or None, initial=_initial(checklist),
                       meetings=selectors.held_meetings(pathway))
    closing = request.method == "POST" and "avslutt" in request.POST
    missing = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if closing:
                if not data["on"]:
                    raise ValidationError({"on": _("Skriv avslutningsdatoen.")})
                services.close_with_checklist(pathway=pathway, by=request.user, on=data["on"],
                                              outcome=data["outcome"] or "completed",
                                              **form.checklist())
                messages.success(request, _("Forløpet er avsluttet."))
                return redirect("pathway_detail", pathway.pk)
            services.save_checklist(pathway=pathway, by=request.user, **form.checklist())
            messages.success(request, _("Sjekklisten er lagret."))
            return redirect("collaboration:closure", pathway.pk)
        except NotPermitted as exc:
            raise Http404 from exc
        except services.ClosureIncomplete as refused:
            missing = refused.missing
            form.add_error(None, refused.messages[0])
        except PathwayRuleError as refused:
            for field, message in kernel_refusals(refused.errors):
                form.add_error(field if field in form.fields else None, message)
        except ValidationError as refused:
            refuse(form, refused)
    if not missing:
        # Every installed closure check (ADR 50): the checklist and the municipality's
        # confirmation of the follow-up plan (ADR 59).
        missing = missing_for(pathway, "completed")
    return render(request, "collaboration/closure.html", {
        "pathway": pathway, "form": form, "missing": missing, "checklist": checklist},
        status=400 if form.errors else 200)
