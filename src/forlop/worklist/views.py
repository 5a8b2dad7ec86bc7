from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from forlop.access.audit import log_access
from forlop.access.models import Action
from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import remember_role_permissions
from forlop.worklist import selectors
from forlop.worklist.paging import paged
from forlop.worklist.presenters import Labels, WorklistRow


@login_required
def worklist(request):
    """The user's open pathways, most urgent first. Every patient shown is logged.
    People without a worklist (patients, relatives, administrators) land on their
    own start page instead."""
    today = timezone.localdate()
    scope = selectors.resolve_scope(request.user)
    perms = remember_role_permissions(request.user, permissions_of(scope.roles))
    if Permission.VIEW_WORKLIST not in perms:
        return _elsewhere(perms)
    page = paged(lambda offset, limit: selectors.page_rows(scope, offset, limit),
                 lambda: selectors.count(scope), request.GET.get("side"),
                 settings.WORKLIST_PAGE_SIZE)
    log_access(request, action=Action.READ, what="worklist",
               touches=[scope.touch(row) for row in page.object_list])
    labels = Labels.current()
    rows = [WorklistRow.from_row(row, today, labels) for row in page.object_list]
    return render(request, "worklist/worklist.html", {"page": page, "rows": rows})


def _elsewhere(perms):
    for permission, target in ((Permission.VIEW_OWN_RECORD, "portal:home"),
                               (Permission.VIEW_SHARED_RECORD, "portal:shared"),
                               (Permission.ADMINISTER, "admin:index")):
        if permission in perms:
            return redirect(target)
    raise PermissionDenied
