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
    if path.is_dir():
        return "ndjson"
    return "ndjson" if path.suffix.lower() in {".ndjson", ".jsonl", ".json"} else "csv"


def ndjson_files(path: Path) -> list[Path]:
    """A file, or a folder's Patient and EpisodeOfCare files (``forlop export``'s)."""
    if not path.is_dir():
        return [path]
    return [p for p in (path / "Patient.ndjson", path / "EpisodeOfCare.ndjson") if p.exists()]


def import_file(path: Path, *, by, today: dt.date, dry_run: bool = False, fmt=None,
                progress=None) -> Outcome:
    """All or nothing: any rejection lands nothing; a dry run writes and rolls back."""
    outcome = Outcome()
    if file_format(path, fmt) == "ndjson":
        files = [(p.name, p.open(encoding="utf-8-sig")) for p in ndjson_files(path)]
        try:
            drafts = ndjson.read(files, outcome.rejections, outcome.skipped)
        finally:
            for _name, f in files:
                f.close()
    else:
        with path.open(encoding="utf-8-sig", newline="") as f:
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
