from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from forlop.access.audit import log_access
from forlop.access.guards import requires
from forlop.access.models import Action
from forlop.access.permissions import Permission
from forlop.npr import selectors
from forlop.npr.forms import PeriodForm
from forlop.npr.presenters import PathwayFindings

PER_PAGE = 25


@requires(Permission.VIEW_WORKLIST)
def fix_list(request):
    """*Retteliste for NPR*: the pathways of the user's units (and those they
    coordinate) that would be reported wrong in the chosen tertial, each finding with
    what to do and a link to the pathway page where it is corrected. Every patient
    shown is logged, as on the worklist."""
    today = timezone.localdate()
    form = PeriodForm(request.GET, today=today)
    period = form.period()
    pathways = selectors.fix_list_scope(request.user)
    found = selectors.findings_by_pathway(pathways, today, period)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("side"))
    log_access(request, action=Action.READ, what="npr_fix_list",
               touches=selectors.touches(request.user, [p for p, _f, _e in page.object_list]))
    groups = [PathwayFindings.of(p, findings, events) for p, findings, events in page.object_list]
    return render(request, "npr/fix_list.html", {
        "form": form, "period": period, "page": page, "groups": groups,
        "query": form.query()})
