"""Clocks as Task. ``period`` matches the clock's due date (restriction.period.end):
the question integrators ask is "which clocks fall due when" (docs/fhir.md)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from forlop.access.models import ConsentScope
from forlop.fhir import guards, selectors
from forlop.fhir.params import (
    BadRequest,
    by_ids,
    check_known,
    date_filters,
    date_matches,
    repeats,
)
from forlop.fhir.resources.task import task, task_id, task_status

TYPE = "Task"
SEARCH = {"status": "token: in-progress | completed | cancelled",
          "period": "date: the clock's due date, with prefixes ge, le, gt, lt, eq, ne",
          "patient": "reference: Patient/id", "focus": "reference: EpisodeOfCare/id"}
STATUSES = {"in-progress", "completed", "cancelled"}


def read(request, rid):
    pathway_id = str(rid).partition(".")[0]
    pathway, _access = guards.pathway(request, pathway_id, what="fhir:Task",
                                      needs=ConsentScope.PLANS)
    for clock in selectors.clocks(pathway):
        if task_id(pathway.pk, clock) == rid:
            return task(clock, pathway)
    raise guards.NotFound


def search(request, query, page):
    check_known(query, set(SEARCH))
    qs = selectors.pathways(request.user).order_by("pk")
    statuses = None  # any; each repeat of status narrows it (search.html: AND)
    for wanted in repeats(query, "status"):
        if set(wanted) - STATUSES:
            raise BadRequest(_("status: bruk %(values)s.")
                             % {"values": ", ".join(sorted(STATUSES))})
        statuses = set(wanted) if statuses is None else statuses & set(wanted)
    if statuses == {"in-progress"}:
        qs = qs.filter(is_open=True)
    qs = by_ids(qs, "patient_id", query, "patient", "Patient")
    qs = by_ids(qs, "pk", query, "focus", "EpisodeOfCare")
    periods = date_filters(query.getlist("period"))
    pathways = list(qs.select_related("state"))
    decided = guards.readable(request.user, pathways,
                              lambda access: access.shares(ConsentScope.PLANS))
    found = []
    for pathway in pathways:
        if pathway.pk not in decided:
            continue
        state = getattr(pathway, "state", None)
        found += [(c, pathway) for c in (state.clocks if state else [])
                  if (statuses is None or task_status(c) in statuses)
                  and date_matches(_due(c), periods)]
    shown = found[page.offset:page.offset + page.count]
    # Only the patients on this page are read (and logged).
    guards.log_search(request, list({p.pk: p for _c, p in shown}.values()),
                      what="fhir:Task", decided=decided)
    return [task(c, p) for c, p in shown], len(found)


def _due(clock: dict) -> dt.date | None:
    return dt.date.fromisoformat(clock["due"]) if clock.get("due") else None
