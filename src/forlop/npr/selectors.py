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

from forlop.kernel.npr_lint import Finding, Period, Record, lint
from forlop.pathways.kernel_bridge import effective_events, spec_of
from forlop.pathways.models import PathwayEvent

CHUNK = 500  # ids per IN (...) list: well under SQLite's limit on parameters


def in_period(pathways, period: Period):
    """Pathways under way in the period: started by its end, not closed before it."""
    return pathways.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start),
                           started_on__lte=period.end)


def records_for(pathways) -> list[Record]:
    """Each pathway of the queryset as a lint record, in id order."""
    pathways = list(pathways.select_related("unit").order_by("pk"))
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


def findings_for(pathways, today: dt.date, *, period: Period | None = None) -> list[Finding]:
    """The lint's findings for the queryset's pathways (under way in ``period``)."""
    if period is not None:
        pathways = in_period(pathways, period)
    return lint(records_for(pathways), today, period=period)


def pathway_ids_with_findings(pathways, today: dt.date) -> list[int]:
    """Ids of the pathways with at least one finding (the worklist's filter)."""
    return sorted({int(f.pathway) for f in findings_for(pathways, today)})
