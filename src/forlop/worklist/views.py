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
from forlop.worklist.filters import (
    FilterForm,
    closed_states,
    coordinator_id_in,
    without_page,
)
from forlop.worklist.paging import paged
from forlop.worklist.presenters import Labels, WorklistRow


@login_required
def worklist(request):
    """The user's open pathways, most urgent first, or the view the GET parameters
    ask for (filters.py). Every patient shown is logged. People without a worklist
    (patients, relatives, administrators) land on their own start page instead."""
    today = timezone.localdate()
    scope = selectors.resolve_scope(request.user)
    perms = remember_role_permissions(request.user, permissions_of(scope.roles))
    if Permission.VIEW_WORKLIST not in perms:
        return _elsewhere(perms)
    named = coordinator_id_in(request.GET)
    form = FilterForm(request.GET, named_coordinator=named and selectors.coordinator_named(
        scope, named))
    filters = form.filters()
    if filters.is_default:  # the hot path (ADR 8): the same statements as ever
        def fetch(offset, limit):
            return selectors.page_rows(scope, offset, limit)

        def count():
            return selectors.count(scope)
    else:
        base = (closed_states(scope) if filters.status == "closed"
                else selectors.worklist_for(request.user, scope))
        states = filters.apply(base, user=request.user, today=today)

        def fetch(offset, limit):
            return selectors.queryset_rows(states, offset, limit)

        count = states.count
    page = paged(fetch, count, request.GET.get("side"), settings.WORKLIST_PAGE_SIZE)
    log_access(request, action=Action.READ, what="worklist",
               touches=[scope.touch(row) for row in page.object_list])
    labels = Labels.current()
    rows = [WorklistRow.from_row(row, today, labels) for row in page.object_list]
    return render(request, "worklist/worklist.html", {
        "page": page, "rows": rows, "controls": form.controls(),
        "filtered": not filters.is_default,
        "query": without_page(request.GET), "view_query": filters.query_string()})


def _elsewhere(perms):
    for permission, target in ((Permission.VIEW_OWN_RECORD, "portal:home"),
                               (Permission.VIEW_SHARED_RECORD, "portal:shared"),
                               (Permission.ADMINISTER, "admin:index")):
        if permission in perms:
            return redirect(target)
    raise PermissionDenied
