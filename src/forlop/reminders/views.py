from django.shortcuts import render

from forlop.access.audit import log_access
from forlop.access.guards import requires
from forlop.access.models import Action
from forlop.access.permissions import Permission
from forlop.reminders import selectors
from forlop.reminders.presenters import NoticeLine
from forlop.site.paging import page_with_total


@requires(Permission.VIEW_WORKLIST)
def notices(request):
    """The signed-in user's notices (*varsler*), newest first; each patient shown is
    logged, as on the worklist."""
    page = page_with_total(selectors.notices_of(request.user), request.GET.get("side"), 50)
    log_access(request, action=Action.READ, what="notices",
               touches=selectors.touches(request.user, [n.pathway for n in page.object_list]))
    return render(request, "reminders/notices.html", {
        "page": page, "lines": [NoticeLine.of(n) for n in page.object_list]})
