from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.collaboration import selectors, services
from forlop.collaboration.forms import EvaluationForm
from forlop.collaboration.presenters import lifestyle_rows
from forlop.collaboration.views.common import refuse
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.moves.refusals import kernel_refusals
from forlop.plans.selectors import latest_self_report
from forlop.site.dates import norwegian_date


@pathway_page(Permission.REGISTER_CLINICAL, what="evaluation")
def evaluation(request, pathway, access):
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_evaluation(pathway=pathway, by=request.user,
                                       **form.service_kwargs())
        except NotPermitted as exc:
            raise Http404 from exc
        except PathwayRuleError as refused:
            for field, message in kernel_refusals(refused.errors):
                form.add_error(field if field in form.fields else None, message)
        except ValidationError as refused:
            refuse(form, refused)
        else:
            messages.success(request, _("Evalueringen %(date)s er registrert.")
                             % {"date": norwegian_date(form.cleaned_data["on"])})
            return redirect("pathway_detail", pathway.pk)
    earlier = list(selectors.evaluations_of(pathway)[:5])
    return render(request, "collaboration/evaluation.html", {
        "pathway": pathway, "form": form, "due": selectors.evaluation_due(pathway),
        "minors": list(pathway.patient.relatives.current().minors()),
        "earlier": [(e, lifestyle_rows(e)) for e in earlier],
        # What the patient wrote on Min side before the evaluation (forlop.plans).
        "self_report": latest_self_report(pathway)},
        status=400 if form.errors else 200)
