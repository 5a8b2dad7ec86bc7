"""``forlop npr export``: one unit's pathway events of a period as the NPR XML file.

Refuses while the lint finds errors in the period's pathways, unless forced; never
writes a document that breaks our schema, forced or not.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path

from django.db.models import Q

from forlop.kernel.npr_lint import Finding, Period, lint
from forlop.npr import pak
from forlop.npr.selectors import in_period, moved_through, records_for, spans_in
from forlop.pathways.models import Pathway


class ExportRefused(Exception):
    """Nothing was written; ``findings`` (lint) or ``problems`` (schema) say why."""

    def __init__(self, message: str, *, findings=(), problems=()):
        super().__init__(message)
        self.findings: list[Finding] = list(findings)
        self.problems: list[str] = list(problems)


@dataclass(frozen=True)
class Exported:
    path: Path
    pathways: int
    events: int
    forced_errors: int
    warnings: int


def export(*, unit, period: Period, out: Path, today: dt.date, force: bool = False) -> Exported:
    """The period's events of the pathways that were in ``unit``, each event under
    the unit the pathway was in on the event's day (ADR 61): a pathway moved out
    mid-period reports its earlier events here and its later ones from its new
    unit. The lint reads each pathway whole (a start registered in the old unit is
    still the pathway's start)."""
    pathways = Pathway.objects.filter(Q(unit=unit) | Q(pk__in=moved_through(unit)))
    spans = spans_in(unit, pathways)
    records = [replace(r, unit=unit.resh_id)
               for r in records_for(in_period(pathways, period))]
    findings = lint(records, today, period=period)
    errors = [f for f in findings if f.is_error]
    if errors and not force:
        raise ExportRefused(
            f"{len(errors)} lint error(s) in {len({f.pathway for f in errors})} pathway(s); "
            "fix them (forlop npr lint) or export with --force", findings=errors)
    data = pak.build(records, period, unit.resh_id, created=today,
                     forced_errors=len(errors) if force else 0, spans=spans)
    problems = pak.validate(data)
    if problems:
        raise ExportRefused("the export breaks the schema; nothing written", problems=problems)
    out = Path(out)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, out)  # a reader never sees half a file
    parsed = pak.parse(data)
    return Exported(out, len(parsed.records), sum(len(r.events) for r in parsed.records),
                    len(errors) if force else 0, len(findings) - len(errors))
