"""The worklist: the caller's open pathways, most urgent first (``worklist.selectors``,
the same statements as the page's default view). Every patient listed is logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Query, Router

from forlop.access.audit import log_access
from forlop.access.models import Action
from forlop.access.permissions import Permission, permissions_of
from forlop.access.policy import remember_role_permissions
from forlop.api.endpoints.common import ERRORS, Paging
from forlop.api.schemas import WorklistPage
from forlop.worklist import selectors

router = Router(tags=["worklist"])


@router.get("/worklist", response={200: WorklistPage, **ERRORS})
def worklist(request, paging: Query[Paging]):
    scope = selectors.resolve_scope(request.user)
    perms = remember_role_permissions(request.user, permissions_of(scope.roles))
    if Permission.VIEW_WORKLIST not in perms:
        raise PermissionDenied
    rows, total = selectors.page_rows(scope, paging.offset, paging.limit)
    if total is None:
        total = selectors.count(scope)
    log_access(request, action=Action.READ, what="worklist",
               touches=[scope.touch(row) for row in rows])
    return {"count": total, "items": [{
        "pathway_id": r.pathway_id, "type": r.type, "state": r.state, "next_due": r.next_due,
        "next_clock": r.next_clock, "breached": r.breached,
        "patient_caused_breach": r.patient_caused_breach, "unit_id": r.unit_id,
        "unit_name": r.unit_name, "patient_id": r.patient_id,
        "patient_name": r.patient_name} for r in rows]}
