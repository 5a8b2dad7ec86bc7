"""The import as one call: read, plan, land. The command and the bench use it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from forlop.fhir.importing import csvfile, ndjson
from forlop.fhir.importing.drafts import Rejection
from forlop.fhir.importing.plan import plan
from forlop.fhir.importing.write import Written, land


@dataclass
class Outcome:
    rejections: list[Rejection] = field(default_factory=list)
    written: Written = field(default_factory=Written)
    pathways: int = 0
    events: int = 0
    new_patients: int = 0
    skipped: dict = field(default_factory=dict)

    @property
    def landed(self) -> bool:
        return not self.rejections and self.written.pathways > 0


def file_format(path: Path, given: str | None = None) -> str:
    if given:
        return given
    return "ndjson" if path.suffix.lower() in {".ndjson", ".jsonl", ".json"} else "csv"


def import_file(path: Path, *, by, today: dt.date, dry_run: bool = False, fmt=None,
                progress=None) -> Outcome:
    """All or nothing: any rejection lands nothing; a dry run writes and rolls back."""
    outcome = Outcome()
    with path.open(encoding="utf-8-sig", newline="") as f:
        if file_format(path, fmt) == "ndjson":
            drafts = ndjson.read(f, outcome.rejections, outcome.skipped)
        else:
            drafts = list(csvfile.read(f, outcome.rejections))
    planned = plan(drafts, by=by, today=today,
                   progress=(lambda n: progress("plan", n)) if progress else None)
    outcome.rejections += planned.rejections
    outcome.rejections.sort(key=lambda r: (r.line, r.field))
    outcome.pathways, outcome.events = len(planned.pathways), planned.events
    outcome.new_patients = len(planned.new_patients)
    if outcome.rejections:
        return outcome
    outcome.written = land(planned, by=by, dry_run=dry_run,
                           progress=(lambda m, n: progress("write", n)) if progress else None)
    return outcome
