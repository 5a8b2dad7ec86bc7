"""Pathways from the database as the NPR lint and export read them (``Record``).

The rules are the kernel's (``forlop.kernel.npr_lint``); this module only turns
rows into its input: the effective events (corrections applied, retractions left
out), the spec at the start, the unit's RESH id. Callers pass a queryset already
narrowed to what the reader may see (``Pathway.objects.visible_to``) or, for the
commands run by the operator, all pathways of a unit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from forlop.access.audit import Touch
from forlop.access.policy import access_to, unit_roles_of
from forlop.kernel.npr_lint import NOTHING_TO_FIX, Finding, Period, Record, lint
from forlop.npr.pak import unit_spans
from forlop.pathways.kernel_bridge import effective_events, spec_of
from forlop.pathways.models import Pathway, PathwayEvent, PathwayUnitChange

CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on parameters


def in_period(pathways, period: Period):
    """Pathways under way in the period: started by its end, not closed before it."""
    return pathways.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start),
                           started_on__lte=period.end)


def records_for(pathways) -> list[Record]:
    """Each pathway of the queryset as a lint record, in id order."""
    return records_of(list(pathways.select_related("unit").order_by("pk")))


def records_of(pathways: list) -> list[Record]:
    """The given pathway rows (their unit loaded) as lint records, in the same order."""
    events = defaultdict(list)
    ids = [p.pk for p in pathways]
    for at in range(0, len(ids), CHUNK):
        rows = PathwayEvent.objects.filter(pathway_id__in=ids[at:at + CHUNK]).only(
            "pk", "pathway_id", "event", "on", "outcome", "data", "supersedes_id",
            "is_retraction")
        for row in rows:
            events[row.pathway_id].append(row)
    return [Record(str(p.pk), p.unit.resh_id, spec_of(p), effective_events(events[p.pk]),
                   patient=str(p.patient_id)) for p in pathways]


def moved_through(unit):
    """Ids of the pathways that were moved into or out of ``unit`` (a subquery)."""
    return (PathwayUnitChange.objects.filter(Q(from_unit=unit) | Q(to_unit=unit))
            .values("pathway_id"))


def spans_in(unit, pathways) -> dict[str, list]:
    """{pathway id: the days it was in ``unit``} (``pak.unit_spans``) for the pathways
    of the queryset that were ever moved; the others were in their unit throughout."""
    moves = defaultdict(list)
    first = {}
    rows = (PathwayUnitChange.objects.filter(pathway__in=pathways.values("pk"))
            .order_by("pathway_id", "on", "pk")
            .values_list("pathway_id", "on", "from_unit__resh_id", "to_unit__resh_id"))
    for pathway_id, on, from_resh, to_resh in rows:
        first.setdefault(pathway_id, from_resh)
        moves[pathway_id].append((on, from_resh, to_resh))
    return {str(pk): unit_spans(unit.resh_id, first[pk], moves[pk]) for pk in moves}


def findings_for(pathways, today: dt.date, *, period: Period | None = None) -> list[Finding]:
    """The lint's findings for the queryset's pathways (under way in ``period``)."""
    if period is not None:
        pathways = in_period(pathways, period)
    return lint(records_for(pathways), today, period=period)


def pathway_ids_with_findings(pathways, today: dt.date) -> list[int]:
    """Ids of the pathways with something to correct (the worklist's filter)."""
    return sorted({int(f.pathway) for f in findings_for(pathways, today)
                   if f.code not in NOTHING_TO_FIX})


def fix_list_scope(user):
    """The pathways whose NPR findings the user works on: those they may see
    (``visible_to``) in a unit where they hold a role, or that they coordinate. A
    consent or an emergency access lets one read a pathway, not report it."""
    units = unit_roles_of(user).values("unit_id")
    return Pathway.objects.visible_to(user).filter(Q(unit_id__in=units) | Q(coordinator=user))


def findings_by_pathway(pathways, today: dt.date, period: Period | None):
    """[(pathway, findings, events)] for the pathways with something to correct (findings
    in ``NOTHING_TO_FIX`` left out): most errors first, then by id (events: the
    record's, so a finding's event index can be named)."""
    if period is not None:
        pathways = in_period(pathways, period)
    rows = list(pathways.select_related("patient", "unit").order_by("pk"))
    out = []
    for pathway, record in zip(rows, records_of(rows), strict=True):
        findings = [f for f in lint([record], today, period=period)
                    if f.code not in NOTHING_TO_FIX]
        if findings:
            out.append((pathway, findings, record.events))
    out.sort(key=lambda item: (-sum(f.is_error for f in item[1]), item[0].pk))
    return out


def own_findings(user, pathway, today: dt.date):
    """(pathway, findings, events) for the pathway page when the user works on its
    reporting (the fix-list's scope) and it has something to correct; else None."""
    found = findings_by_pathway(fix_list_scope(user).filter(pk=pathway.pk), today, None)
    return found[0] if found else None


def touches(user, pathways):
    """The access-log rows for the patients the page shows, on the basis the policy
    gives each (the page lists only pathways the user may see)."""
    out = []
    for pathway in pathways:
        access = access_to(user, pathway, break_glass=False)
        out.append(Touch(pathway.patient_id, access.basis, access.role, access.unit_id))
    return out
