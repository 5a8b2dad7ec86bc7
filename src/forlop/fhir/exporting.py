"""``forlop export --unit RESH``: a unit's pathways as FHIR NDJSON, one file per type.

Streams in bounded memory: pathways are read in keyset-paged chunks (``id > last``),
each chunk's patients, events and projections in one query each, and each resource
is written as it is made. Files are written as ``<Type>.ndjson.part`` and renamed
when complete, so a stopped export leaves no file that looks whole. Every patient
exported gets an access-log row (a read, ``what`` = export), chunk by chunk.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from django.db.models import Exists, OuterRef, Q

from forlop.access.audit import Touch, append
from forlop.access.models import Action, Basis
from forlop.accounts.models import User
from forlop.fhir.resources import organization as org_res
from forlop.fhir.resources.encounter import ENCOUNTER_EVENTS, encounter
from forlop.fhir.resources.episode import episode_of_care
from forlop.fhir.resources.patient import patient as patient_resource
from forlop.fhir.resources.practitioner import practitioner
from forlop.fhir.resources.task import task
from forlop.pathways.models import Pathway, PathwayEvent, PathwayState
from forlop.patients.models import Patient

TYPES = ("Organization", "Practitioner", "Patient", "EpisodeOfCare", "Encounter", "Task")
PATHWAY_COLUMNS = ("id", "type", "setting", "severity", "ruleset", "started_on", "closed_on",
                   "is_open", "patient_id", "unit_id", "coordinator_id")
CHUNK = 2000


@dataclass
class Exported:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def resources(self) -> int:
        return sum(self.counts.values())


class Writer:
    """One NDJSON file per resource type, opened when first written to."""

    def __init__(self, out: Path, exported: Exported):
        self.out, self.exported, self.files = out, exported, {}

    def write(self, resource: dict) -> None:
        kind = resource["resourceType"]
        f = self.files.get(kind)
        if f is None:
            f = self.files[kind] = (self.out / f"{kind}.ndjson.part").open(
                "wb", buffering=1 << 20)
        f.write(orjson.dumps(resource, option=orjson.OPT_APPEND_NEWLINE))
        self.exported.counts[kind] += 1

    def close(self, *, complete: bool) -> None:
        for kind, f in self.files.items():
            f.close()
            part = self.out / f"{kind}.ndjson.part"
            if complete:
                final = self.out / f"{kind}.ndjson"
                part.replace(final)
                self.exported.files[kind] = final
            else:
                part.unlink(missing_ok=True)


def unit_pathways(unit, since: dt.datetime | None):
    qs = Pathway.objects.filter(unit=unit)
    if since is not None:
        changed = PathwayEvent.objects.filter(pathway=OuterRef("pk"), registered_at__gte=since)
        qs = qs.filter(Q(created_at__gte=since) | Exists(changed))
    return qs


def export_unit(unit, out: Path, *, by, since: dt.datetime | None = None,
                chunk: int = CHUNK, progress=None) -> Exported:
    out.mkdir(parents=True, exist_ok=True)
    exported = Exported()
    writer = Writer(out, exported)
    complete = False
    try:
        writer.write(org_res.unit(unit))
        writer.write(org_res.trust(unit.trust))
        coordinators: set[int] = set()
        seen_patients: set[int] = set()
        last = 0
        qs = unit_pathways(unit, since).order_by("pk")
        while True:
            rows = list(qs.filter(pk__gt=last).values_list(*PATHWAY_COLUMNS, named=True)[:chunk])
            if not rows:
                break
            last = rows[-1].id
            _log(rows, unit, by)  # before the chunk's records are read out
            _chunk(rows, unit, writer, coordinators, seen_patients)
            if progress is not None:
                progress(len(rows))
        for u in User.objects.filter(pk__in=coordinators).order_by("pk"):
            writer.write(practitioner(u))
        complete = True
    finally:
        writer.close(complete=complete)
    return exported


def _chunk(rows, unit, writer: Writer, coordinators: set, seen_patients: set) -> None:
    ids = [r.id for r in rows]
    new = {r.patient_id for r in rows} - seen_patients
    patients = {p.id: p for p in Patient.objects.filter(pk__in=new).values_list(
        "id", "identifier", "identifier_kind", "name", "birth_date", named=True)}
    hprs = dict(User.objects.filter(pk__in={r.coordinator_id for r in rows} - {None})
                .values_list("id", "hpr_number"))
    events = defaultdict(list)
    superseded = set()
    for e in PathwayEvent.objects.filter(pathway_id__in=ids).order_by("pathway_id", "id") \
            .values_list("id", "pathway_id", "event", "on", "outcome", "data", "supersedes_id",
                         "is_retraction", named=True):
        events[e.pathway_id].append(e)
        if e.supersedes_id:
            superseded.add(e.supersedes_id)
    clocks = dict(PathwayState.objects.filter(pathway_id__in=ids)
                  .values_list("pathway_id", "clocks"))
    for pid in sorted(new):
        writer.write(patient_resource(patients[pid]))
        seen_patients.add(pid)
    kinds = _identifiers({r.patient_id for r in rows}, patients)
    for r in rows:
        effective = [e for e in events[r.id] if e.id not in superseded and not e.is_retraction]
        writer.write(episode_of_care(
            r, [(e.event, e.on, e.outcome, e.data) for e in effective], resh=unit.resh_id,
            patient=kinds[r.patient_id], hpr=hprs.get(r.coordinator_id, "")))
        for e in effective:
            if e.event in ENCOUNTER_EVENTS:
                writer.write(encounter(e, r))
        for clock in clocks.get(r.id) or []:
            writer.write(task(clock, r))
        if r.coordinator_id is not None:
            coordinators.add(r.coordinator_id)


def _identifiers(patient_ids: set[int], known: dict) -> dict[int, tuple[str, str]]:
    out = {pid: (p.identifier_kind, p.identifier) for pid, p in known.items()}
    missing = patient_ids - set(out)
    if missing:
        out.update({pid: (kind, ident) for pid, kind, ident in Patient.objects.filter(
            pk__in=missing).values_list("id", "identifier_kind", "identifier")})
    return out


def _log(rows, unit, by) -> None:
    touches = list({r.patient_id: Touch(r.patient_id, Basis.UNIT, "", unit.pk)
                    for r in rows}.values())
    append(user=by, request_id="", action=Action.READ, what="export", touches=touches)
