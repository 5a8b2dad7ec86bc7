"""FHIR bulk figures: the NDJSON export of every unit and the import of one unit's
history, each beside the naive way, with the peak memory of each.

* ``export_resources_per_s``: ``forlop export`` of every unit (keyset-paged chunks,
  one statement per table per chunk), the units shared between ``WORKERS`` forked
  processes (``export_units``); wall time, with the CPU time of all processes beside
  (``export_cpu_s``, ``export_resources_per_cpu_s``) and, when PostgreSQL runs on
  this machine (``pgcluster``'s layout), its cluster's CPU per resource
  (``export_db_cpu_us``). Naive: per pathway, one query
  per row it needs (pathway, patient, events, projection) and each resource built
  and serialised through the FHIR library's models, on a sample, in one process.
* ``fhir_import_resources_per_s``: the busiest unit's export (Patient and
  EpisodeOfCare NDJSON) imported into a new, empty unit of a new trust through
  ``forlop import`` (read, plan with the kernel, set-based write, all in one
  transaction). Also per event, the unit the bench's load figure counts. Naive: the
  same pathways one save per row (``start_pathway``, then ``append_event`` per
  event: loaded history, as the loaders, without the closure checks of ADR 50), on a
  sample, rolled back.
* ``fhir_import_kernel_us``: the kernel alone, CPU µs of one
  ``evaluate()`` per imported pathway in this process (what bounds the judging);
  ``fhir_import_parent_cpu_s``: the importing process's own CPU time (its forked
  workers' not counted), beside ``fhir_import_s`` wall.
* ``*_peak_mb``: the Python heap's peak (tracemalloc) during a second, untimed run
  of the same work (tracemalloc slows Python down, so it is never on the timed run).
  The import's is the parent process's: its forked workers judge a chunk at a time.
  The export's is on the busiest unit: per unit the export is bounded by its chunk.
"""

from __future__ import annotations

import datetime as dt
import json
import resource as rusage
import shutil
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

from django.db import transaction
from django.db.models import Count

from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from forlop.bench.web import server_roots, tree_cpu_s
from forlop.fhir import systems
from forlop.fhir.exporting import WORKERS, export_unit, export_units
from forlop.fhir.importing import ndjson
from forlop.fhir.importing.plan import Planner, World, ordered, plan_serially, start_group
from forlop.fhir.importing.run import import_file, ndjson_files
from forlop.fhir.resources.encounter import ENCOUNTER_EVENTS, encounter
from forlop.fhir.resources.episode import episode_of_care
from forlop.fhir.resources.patient import patient as patient_resource
from forlop.fhir.resources.task import task
from forlop.fhir.validation import parse
from forlop.kernel.evaluation import evaluate
from forlop.organisations.models import HealthTrust, Unit
from forlop.pathways.kernel_bridge import effective_events
from forlop.pathways.models import Pathway, PathwayState
from forlop.pathways.services import start_pathway
from forlop.pathways.services.register import append_event
from forlop.patients.models import Patient

IMPORT_RESH, IMPORT_ORG = "2999999", "299999999"


def figures(*, by, today: dt.date, naive_sample: int, keep_import: bool = True) -> dict:
    """``keep_import=False`` rolls the import back (``--fhir-only``: the database stays
    as it was loaded, so the figures can be measured again)."""
    out = {}
    work = Path(tempfile.mkdtemp(prefix="forlop-bench-fhir-"))
    try:
        out.update(_export(by, work / "all", naive_sample))
        if keep_import:
            out.update(_import(by, today, work, naive_sample))
        else:  # the import's own commit is then not in its time (a savepoint's instead)
            with transaction.atomic():
                out.update(_import(by, today, work, naive_sample))
                transaction.set_rollback(True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _units():
    return list(Unit.objects.select_related("trust").filter(pathways__isnull=False)
                .annotate(n=Count("pathways")).order_by("-n", "pk"))


def _export(by, folder: Path, sample: int) -> dict:
    units = _units()  # the biggest first: the workers take the next unit when free
    database = server_roots("")  # a cluster on this machine: its postmaster, else none
    db_cpu = tree_cpu_s(database)
    cpu = _cpu_s()
    started = time.perf_counter()
    # Disk stays bounded at national scale: each unit's files are removed in the
    # worker once complete (a few file deletions a unit, inside the time).
    done = export_units(units, folder, by=by, workers=WORKERS, after=shutil.rmtree)
    seconds = time.perf_counter() - started
    cpu = _cpu_s() - cpu
    resources = sum(e.resources for e in done)
    if database:
        time.sleep(0.5)  # the workers' backends have ended: reaped, their CPU counted
        db_cpu = tree_cpu_s(database) - db_cpu
    tracemalloc.start()
    export_unit(units[0], folder / "peak", by=by)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    naive_started = _cpu_s()
    naive_resources, naive_s = _export_naive(sample)
    naive_cpu = _cpu_s() - naive_started
    return {"export_resources_per_s": resources / seconds, "export_resources": resources,
            "export_s": seconds, "export_cpu_s": cpu, "export_workers": WORKERS,
            "export_peak_mb": peak / 1e6,
            "export_resources_per_s_naive": naive_resources / naive_s,
            "export_resources_per_cpu_s": resources / cpu,
            "export_resources_per_cpu_s_naive": naive_resources / naive_cpu,
            "export_naive_sample": sample,
            # PostgreSQL's side (the whole cluster: backends, WAL writer, autovacuum),
            # when it runs on this machine.
            **({"export_db_cpu_us": db_cpu / resources * 1e6} if database and resources
               else {})}


def _cpu_s() -> float:
    """CPU time of this process and of its children that have ended (the workers)."""
    own, children = (rusage.getrusage(who) for who in (rusage.RUSAGE_SELF,
                                                        rusage.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _export_naive(sample: int) -> tuple[int, float]:
    """One query per row and the library's models for every resource."""
    ids = list(Pathway.objects.order_by("pk").values_list("pk", flat=True)[:sample])
    resources, started = 0, time.perf_counter()
    for pk in ids:
        p = Pathway.objects.get(pk=pk)
        patient = Patient.objects.get(pk=p.patient_id)
        events = effective_events(p.events.all())
        rows = list(p.events.all().order_by("pk"))
        clocks = PathwayState.objects.get(pathway_id=pk).clocks
        made = [patient_resource(patient),
                episode_of_care(p, [(e["event"], e["date"], e["outcome"] or "",
                                     {k: v for k, v in e.items()
                                      if k not in {"event", "date", "outcome"}})
                                    for e in events])]
        made += [encounter(r, p) for r in rows if r.event in ENCOUNTER_EVENTS]
        made += [task(c, p) for c in clocks]
        for resource in made:
            parse(resource).model_dump_json()
        resources += len(made)
    return resources, time.perf_counter() - started


def _import(by, today: dt.date, work: Path, sample: int) -> dict:
    source = _units()[0]
    exported = work / "source"
    export_unit(source, exported, by=by)
    target = _import_unit(source, by)
    folder = _retarget(exported, work / "import", target.resh_id)
    counts = Counter(json.loads(line)["resourceType"]
                     for f in folder.glob("*.ndjson") for line in f.open())
    # The naive way first: it is rolled back, and the unit must be empty for it.
    naive_resources, naive_s = _import_naive(folder, by, today, target, sample)
    tracemalloc.start()  # the peak: a dry run does the same work and rolls back
    import_file(folder, by=by, today=today, dry_run=True)
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started, cpu = time.perf_counter(), time.process_time()
    outcome = import_file(folder, by=by, today=today)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"fhir_import_resources_per_s": sum(counts.values()) / seconds,
            "fhir_import_events_per_s": outcome.written.events / seconds,
            "fhir_import_resources": sum(counts.values()),
            "fhir_import_events": outcome.written.events,
            "fhir_import_rejections": len(outcome.rejections),
            "fhir_import_s": seconds, "fhir_import_parent_cpu_s": cpu,
            "fhir_import_peak_mb": peak / 1e6,
            "fhir_import_kernel_us": _kernel_us(folder, today),
            "fhir_import_resources_per_s_naive": naive_resources / naive_s,
            "fhir_import_naive_sample": sample}


def _kernel_us(folder: Path, today: dt.date) -> float:
    """The kernel alone: CPU µs per pathway of ``evaluate()`` on the import's
    pathways (in the import's event order), in this process, nothing else timed."""
    files = [(p.name, p.open()) for p in ndjson_files(folder)]
    try:
        drafts = ndjson.read(files, [], {})
    finally:
        for _name, f in files:
            f.close()
    world = World.read("ndjson", today)
    jobs = []
    for draft in drafts:
        _lines, events = ordered(draft)
        jobs.append(({"type": draft.type, "setting": draft.setting,
                      "severity": draft.severity or None}, events,
                     world.norms[world.units[draft.unit_resh][1]]))
    started = time.process_time()
    for spec, events, norms in jobs:
        evaluate(spec, events, today, local_norms=norms)
    return (time.process_time() - started) / max(1, len(jobs)) * 1e6


def _import_unit(source, by) -> Unit:
    """A new trust and unit to import into. A full run keeps its import (its commit is
    timed), so a later ``--fhir-only`` on that database takes the next free numbers
    (counting down from ``IMPORT_RESH`` and ``IMPORT_ORG``) instead of failing on them."""
    taken = (set(Unit.objects.filter(resh_id__startswith=IMPORT_RESH[:3])
                 .values_list("resh_id", flat=True))
             | set(HealthTrust.objects.filter(org_number__startswith=IMPORT_ORG[:3])
                   .values_list("org_number", flat=True)))
    n = next(n for n in range(1000) if str(int(IMPORT_RESH) - n) not in taken
             and str(int(IMPORT_ORG) - n) not in taken)
    trust = HealthTrust.objects.create(region_id=source.trust.region_id,
                                       name="Importert HF (syntetisk)",
                                       org_number=str(int(IMPORT_ORG) - n))
    unit = Unit.objects.create(trust=trust, name="Importert DPS (syntetisk)",
                               resh_id=str(int(IMPORT_RESH) - n))
    RoleAssignment.objects.create(user=by, role=Role.CLINICIAN, unit=unit,
                                  valid_from=dt.date(2000, 1, 1))
    return unit


def _retarget(exported: Path, folder: Path, resh: str) -> Path:
    """The export's Patient and EpisodeOfCare files, the unit's RESH id replaced."""
    folder.mkdir(parents=True)
    shutil.copy(exported / "Patient.ndjson", folder / "Patient.ndjson")
    with (exported / "EpisodeOfCare.ndjson").open() as src, \
            (folder / "EpisodeOfCare.ndjson").open("w") as dst:
        for line in src:
            resource = json.loads(line)
            resource["managingOrganization"]["identifier"] = {"system": systems.RESH,
                                                              "value": resh}
            dst.write(json.dumps(resource) + "\n")
    return folder


def _import_naive(folder: Path, by, today, unit, sample: int) -> tuple[int, float]:
    """Each line parsed with the library's models, then the services: one pathway
    start and one registration per event, each its own save. Rolled back."""
    with (folder / "EpisodeOfCare.ndjson").open() as f:
        lines = [line for _, line in zip(range(sample), f, strict=False)]
    patients = {}
    for line in (folder / "Patient.ndjson").open():
        r = json.loads(line)
        patients[r["identifier"][0]["value"]] = r
    rejections: list = []
    drafts = ndjson.read([("EpisodeOfCare.ndjson", lines)], rejections, {})
    world = World.read("ndjson", today)
    planned = plan_serially(drafts, world, Planner(world, by))
    resources = 0
    with transaction.atomic():
        started = time.perf_counter()
        for accepted in planned.pathways:
            draft = accepted.judged.draft
            _lines, events = ordered(draft)  # the kernel's order of the pathway
            parse(json.loads(lines[draft.line - 1]))
            ident = draft.patient_identifier
            parse(patients[ident])
            patient = Patient.objects.get(identifier=ident)
            first = {e["event"]: e for e in reversed(events)}
            assessed = first.get("referral_assessed")
            pathway = start_pathway(
                patient=patient, unit=unit, type=draft.type, setting=draft.setting,
                severity=draft.severity, by=by,
                referral_received_on=first["referral_received"]["date"],
                started_on=first["pathway_start"]["date"],
                assessed_on=assessed["date"] if assessed else None,
                right_granted=True if assessed else None, today=today)
            for e in events[start_group(events):]:
                data = {k: v for k, v in e.items() if k not in {"event", "date", "outcome"}}
                append_event(pathway=pathway, event=e["event"], on=e["date"], by=by,
                             outcome=e.get("outcome") or "", data=data, today=today)
            resources += 2
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return resources, seconds
