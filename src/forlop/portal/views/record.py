"""Reading: the patient's own pathways and access log, and what patients share with
a relative. Every patient shown is logged before the page is rendered."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from forlop.access.audit import Touch, log_access
from forlop.access.guards import requires
from forlop.access.models import Action, Basis
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.access.presenters import log_lines
from forlop.access.selectors import log_of, own_patient
from forlop.accounts.roles import Role
from forlop.collaboration import selectors as meeting_selectors
from forlop.collaboration.presenters import meeting_times
from forlop.pathways.presenters.list_labels import Labels
from forlop.plans import selectors as plan_selectors
from forlop.portal import selectors
from forlop.portal.presenters import OwnPathwayCard, PathwayRow, PlanStatus
from forlop.portal.views.common import log_own_read

LOG_PAGE_SIZE = 50


@requires(Permission.VIEW_OWN_RECORD)
def home(request):
    patient = own_patient(request.user)
    log_own_read(request, patient, "own_record")
    pathways = list(selectors.own_pathways(request.user)) if patient else []
    labels, today = Labels.current(), timezone.localdate()
    rows = [PathwayRow.from_pathway(p, labels) for p in pathways]
    cards = [OwnPathwayCard.build(p, labels, today=today,
                                  clinicians=selectors.clinicians_of(p),
                                  plan=_plan_status(p),
                                  meetings=meeting_times(
                                      meeting_selectors.meetings_in_time_order(p), today=today))
             for p in pathways]
    return render(request, "portal/home.html",
                  {"patient": patient, "rows": rows, "cards": cards, "section": "home"})


def _plan_status(pathway) -> PlanStatus:
    version = plan_selectors.current_version(pathway)
    if version is None:
        return PlanStatus(exists=False)
    signature = plan_selectors.signature_of(version)
    return PlanStatus(
        exists=True,
        signed_on=timezone.localtime(signature.at).date() if signature else None,
        evaluation_dates=tuple(dt.date.fromisoformat(d) for d in version.evaluation_dates))


@requires(Permission.VIEW_OWN_RECORD)
def access_log(request):
    """Who has opened my record, newest first (this visit included: it is logged
    before the page is read)."""
    patient = own_patient(request.user)
    log_own_read(request, patient, "access_log")
    page = None
    if patient is not None:
        page = Paginator(log_of(patient), LOG_PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "portal/log.html", {
        "patient": patient, "page": page, "section": "log",
        "lines": log_lines(page.object_list) if page else []})


@requires(Permission.VIEW_SHARED_RECORD)
def shared(request):
    """What patients share with this relative, each part only if the consent's scope
    covers it. An expired or revoked consent drops the pathway on the next request."""
    shown = []
    for pathway in selectors.shared_pathways(request.user):
        access = access_to(request.user, pathway, break_glass=False)
        if access.can(Permission.VIEW_SHARED_RECORD):
            shown.append((pathway, access))
    log_access(request, action=Action.READ, what="shared_record",
               touches=[Touch(p.patient_id, Basis.RELATIVE_CONSENT, Role.RELATIVE)
                        for p, _ in shown])
    labels = Labels.current()
    rows = [PathwayRow.from_pathway(p, labels, access) for p, access in shown]
    return render(request, "portal/shared.html", {"rows": rows})
