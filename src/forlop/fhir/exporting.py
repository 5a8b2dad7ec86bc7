"""``forlop export --unit RESH``: a unit's pathways as FHIR NDJSON, one file per type.

Streams in bounded memory: pathways are read in keyset-paged chunks (``id > last``),
joined with their patient, coordinator and projection (the clocks) in one
statement, then the chunk's events in one more (plans and self-reports only for a
chunk that has any). The statements run on a plain cursor: rows come as tuples,
the JSON columns are decoded by orjson (not Django's converters), and on PostgreSQL
dates arrive as the server's ISO text; the chunk statement is compiled once per
process (ADR 0076). The pathways are found by the ``(unit, id)`` index and the statements
run without PostgreSQL's parallel workers (ADR 0078).
Each resource is made by the same builders the FHIR endpoints serve
(``forlop.fhir.resources``), serialised by orjson, and a chunk's lines of one type
are written in one ``write``. Files are written as ``<Type>.ndjson.part`` and renamed
when complete, so a stopped export leaves no file that looks whole. Every patient
exported gets an access-log row (a read, ``what`` = export), chunk by chunk, before
the chunk's resources are written.

``export_units`` exports several units, in forked worker processes when it can
(ADR 0071): each worker opens its own database connection and logs its own chunks.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import multiprocessing.util
from collections import defaultdict, namedtuple
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from django.db import connection, connections
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from forlop.access.audit import Touch, append
from forlop.access.bases import barred_patients
from forlop.access.models import Action, Basis
from forlop.fhir.resources import organization as org_res
from forlop.fhir.resources.care_plan import care_plan
from forlop.fhir.resources.encounter import ENCOUNTER_EVENTS, encounter
from forlop.fhir.resources.episode import episode_of_care
from forlop.fhir.resources.patient import patient as patient_resource
from forlop.fhir.resources.practitioner import practitioner
from forlop.fhir.resources.questionnaire_response import questionnaire_response
from forlop.fhir.resources.task import task
from forlop.pathways.kernel_bridge import superseded_or_retracted
from forlop.pathways.models import Pathway, PathwayEvent
from forlop.plans.models import PlanResponse, PlanVersion, ResponseKind, SelfReport

TYPES = ("Organization", "Practitioner", "Patient", "EpisodeOfCare", "Encounter", "Task",
         "CarePlan", "QuestionnaireResponse")
# Types that carry a patient's record: exporting any of them logs the chunk's patients.
PATIENT_TYPES = frozenset(TYPES) - {"Organization", "Practitioner"}
WORKERS = 2
PATHWAY_COLUMNS = ("id", "type", "setting", "severity", "ruleset", "started_on", "closed_on",
                   "is_open", "patient_id", "unit_id", "coordinator_id")
# Read with each pathway in the same statement (the chunk's join).
PATIENT_COLUMNS = ("patient__identifier", "patient__identifier_kind", "patient__name",
                   "patient__birth_date")
COORDINATOR_COLUMNS = ("coordinator__first_name", "coordinator__last_name",
                       "coordinator__username", "coordinator__hpr_number")
# The projection's clocks (one-to-one), and whether the pathway has a plan or a
# self-report (so a chunk without any asks no more).
MORE_COLUMNS = ("state__clocks", "has_plan", "has_report")
# Where each part of a chunk's row sits (its columns in the order above; the id first).
PATHWAY_END = len(PATHWAY_COLUMNS)
CLOCKS_AT = PATHWAY_END + len(PATIENT_COLUMNS) + len(COORDINATOR_COLUMNS)
HAS_PLAN_AT, HAS_REPORT_AT = CLOCKS_AT + 1, CLOCKS_AT + 2
PATIENT_ID_AT = PATHWAY_COLUMNS.index("patient_id")
CHUNK = 2000
LINE = orjson.OPT_APPEND_NEWLINE

# Rows as the builders read them (attributes, like a model or a named values_list row).
class PathwayRow(namedtuple("PathwayRow", PATHWAY_COLUMNS)):
    __slots__ = ()

    @property
    def pk(self) -> int:
        return self.id


PatientRow = namedtuple("PatientRow", ("id", "identifier", "identifier_kind", "name",
                                       "birth_date"))
UserRow = namedtuple("UserRow", ("id", "first_name", "last_name", "username", "hpr_number"))
EventRow = namedtuple("EventRow", ("id", "event", "on"))


@dataclass
class Exported:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    files: dict[str, Path] = field(default_factory=dict)

    @property
    def resources(self) -> int:
        return sum(self.counts.values())


class Writer:
    """One NDJSON file per resource type, opened when first written to; only the
    types asked for (``wanted``)."""

    def __init__(self, out: Path, exported: Exported, wanted=frozenset(TYPES)):
        self.out, self.exported, self.files, self.wanted = out, exported, {}, wanted

    def write(self, kind: str, lines: list[bytes]) -> None:
        """Lines (NDJSON, each with its newline) of resources of one type, at once."""
        if not lines or kind not in self.wanted:
            return
        f = self.files.get(kind)
        if f is None:
            f = self.files[kind] = (self.out / f"{kind}.ndjson.part").open("wb")
        f.write(b"".join(lines))
        self.exported.counts[kind] += len(lines)

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


def export_units(units, out: Path, *, by, since: dt.datetime | None = None, types=None,
                 workers: int = WORKERS, after=None) -> list[Exported]:
    """Each unit into ``out/<RESH id>/``, in ``workers`` forked processes when the
    database allows it (see ``can_fork``), else one after the other; the results in
    the units' order. ``after(folder)``, when given, runs in the process that exported
    a unit, once its files are complete (the bench removes them there)."""
    jobs = [(unit, out / unit.resh_id, by, since, types, after) for unit in units]
    if workers <= 1 or len(jobs) <= 1 or not can_fork():
        return [_export_job(job) for job in jobs]
    # No connection may cross the fork: the children would share its socket.
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start) as pool:
        done = pool.map(_export_job, jobs, chunksize=1)
        pool.close()
        pool.join()  # the workers end normally, closing their connections (not terminated)
    return done


def can_fork() -> bool:
    """Workers need their own connections to see the same data: not inside a
    transaction (its rows are this connection's alone) nor on an in-memory SQLite
    database (each connection its own)."""
    return not any(c.in_atomic_block or (c.vendor == "sqlite" and c.is_in_memory_db())
                   for c in connections.all())


def _worker_start() -> None:
    connections.close_all()  # nothing inherited; the first query opens this worker's own
    # Closed when the worker ends (a pool's workers leave through os._exit).
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)


def _export_job(job) -> Exported:
    unit, folder, by, since, types, after = job
    exported = export_unit(unit, folder, by=by, since=since, types=types)
    if after is not None:
        after(folder)
    return exported


def unit_pathways(unit, since: dt.datetime | None, by=None):
    """The unit's pathways, without those of patients a restriction (*sperring*) bars
    ``by`` from, as the served searches leave them out (``access.policy``)."""
    qs = Pathway.objects.filter(unit=unit)
    if by is not None:
        qs = qs.exclude(patient_id__in=barred_patients(by).values("patient_id"))
    if since is not None:
        changed = PathwayEvent.objects.filter(pathway=OuterRef("pk"), registered_at__gte=since)
        qs = qs.filter(Q(created_at__gte=since) | Exists(changed))
    return qs


def export_unit(unit, out: Path, *, by, since: dt.datetime | None = None,
                chunk: int = CHUNK, progress=None, types=None) -> Exported:
    """``types``: the resource types to write (all when None)."""
    out.mkdir(parents=True, exist_ok=True)
    exported = Exported()
    wanted = frozenset(TYPES if types is None else types)
    writer = Writer(out, exported, wanted)
    complete = False
    try:
        dumps = orjson.dumps
        writer.write("Organization", [dumps(org_res.unit(unit), option=LINE),
                                      dumps(org_res.trust(unit.trust), option=LINE)])
        coordinators: dict[int, UserRow] = {}
        seen_patients: set[int] = set()
        last = 0
        sql, params, unit_at, last_at = _chunk_statement(since, by, chunk)
        params = list(params)
        params[unit_at] = unit.pk
        with connection.cursor() as cursor, _serial(cursor):
            _dates_as_text(cursor)
            while True:
                params[last_at] = last
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                if not rows:
                    break
                last = rows[-1][0]
                if wanted & PATIENT_TYPES:
                    _log(rows, unit, by)  # before the chunk's records are written out
                _chunk(cursor, rows, unit, writer, coordinators, seen_patients)
                _plans(rows, writer)
                if progress is not None:
                    progress(len(rows))
                if len(rows) < chunk:
                    break
        writer.write("Practitioner", [dumps(practitioner(coordinators[pk]), option=LINE)
                                      for pk in sorted(coordinators)])
        complete = True
    finally:
        writer.close(complete=complete)
    return exported


# Markers no id takes: each finds its own place among a statement's parameters.
UNIT_MARK, LAST_MARK = -7_316_002_914, -7_316_002_915
_statements: dict[tuple, tuple] = {}


def _chunk_statement(since, by, chunk: int) -> tuple[str, tuple, int, int]:
    """The chunk's statement (its SQL and parameters) and where among the parameters
    the unit and the keyset's ``id > last`` sit, set anew for each unit and chunk.
    Compiled once per process for the same exporting user, ``since``, chunk size and
    day (the restrictions' subquery reads the day as a parameter; which restrictions
    are in force is read when the statement runs)."""
    key = (connection.alias, getattr(by, "pk", None), since, chunk, timezone.localdate())
    found = _statements.get(key)  # (a web server's threads may share the dict)
    if found is None:
        qs = unit_pathways(UNIT_MARK, since, by).filter(pk__gt=LAST_MARK).order_by("pk").annotate(
            has_plan=Exists(PlanVersion.objects.filter(pathway=OuterRef("pk"))),
            has_report=Exists(SelfReport.objects.filter(pathway=OuterRef("pk"))))
        sql, params = qs.values_list(*PATHWAY_COLUMNS, *PATIENT_COLUMNS, *COORDINATOR_COLUMNS,
                                     *MORE_COLUMNS)[:chunk].query.sql_with_params()
        (unit_at,) = (i for i, p in enumerate(params) if p == UNIT_MARK)
        (last_at,) = (i for i, p in enumerate(params) if p == LAST_MARK)
        if len(_statements) >= 16:
            _statements.clear()
        found = _statements[key] = (sql, tuple(params), unit_at, last_at)
    return found


@contextmanager
def _serial(cursor):
    """PostgreSQL's parallel query off on this connection while it exports, the
    previous setting restored after. The planner gave the chunk statement two parallel
    workers, which on a machine whose cores the export's own workers keep busy cost
    more CPU than they save: at national scale about half of the cluster's CPU a
    resource (docs/performance.md, "Bulk export: the database's share")."""
    if connection.vendor != "postgresql":
        yield
        return
    from psycopg.pq import TransactionStatus  # here: SQLite-only installs have no psycopg

    cursor.execute("SELECT current_setting('max_parallel_workers_per_gather')")
    (before,) = cursor.fetchone()
    cursor.execute("SELECT set_config('max_parallel_workers_per_gather', '0', false)")
    try:
        yield
    finally:  # after an error in a transaction its rollback restores the setting
        if cursor.cursor.connection.info.transaction_status != TransactionStatus.INERROR:
            cursor.execute("SELECT set_config('max_parallel_workers_per_gather', %s, false)",
                           [before])


def _dates_as_text(cursor) -> None:
    """On PostgreSQL this cursor reads ``date`` columns as the server's ISO text
    (``YYYY-MM-DD``), which is what FHIR writes: no ``date`` object made and formatted
    again per value. The builders take either (``resources.iso``). Other databases'
    dates stay objects."""
    if connection.vendor != "postgresql":
        return
    from psycopg.pq import Format  # here: a SQLite-only installation has no psycopg

    raw = cursor.cursor
    if not (raw.connection.info.parameter_status("DateStyle") or "").startswith("ISO"):
        return  # another style would not be ISO text: keep psycopg's date objects
    adapters = raw.adapters
    adapters.register_loader("date", adapters.get_loader(adapters.types["text"].oid,
                                                         Format.TEXT))


def _in(ids: list[int]) -> tuple[str, list]:
    """``IN`` for the chunk's ids: one array parameter on PostgreSQL, not thousands."""
    if connection.vendor == "postgresql":  # as the array's text: cheaper to send than a list
        return "= ANY(%s::bigint[])", ["{" + ",".join(map(str, ids)) + "}"]
    return f"IN ({', '.join(['%s'] * len(ids))})", ids


def _events(cursor, ids: list[int]) -> tuple[dict[int, list], dict[int, list]]:
    """Each pathway's effective events (not superseded, not retractions), in
    registration order, as (event, on, outcome, data) with data decoded (what the
    EpisodeOfCare carries); and the pathway's Encounter events as ``EventRow``."""
    qn = connection.ops.quote_name
    where, params = _in(ids)  # names from the model, values always parameters
    cursor.execute(
        f"SELECT id, pathway_id, event, {qn('on')}, outcome, data, supersedes_id, "  # noqa: S608
        f"is_retraction FROM {qn(PathwayEvent._meta.db_table)} WHERE pathway_id {where} "
        "ORDER BY pathway_id, id", params)
    rows = cursor.fetchall()
    gone = superseded_or_retracted([(r[0], r[6], r[7]) for r in rows if r[6] is not None])
    loads = orjson.loads
    events, encounters = defaultdict(list), defaultdict(list)
    meets, new = frozenset(ENCOUNTER_EVENTS), tuple.__new__
    for eid, pathway_id, event, on, outcome, data, _supersedes, _retraction in rows:
        if eid in gone:
            continue
        events[pathway_id].append((event, on, outcome, {} if data == "{}" else loads(data)))
        if event in meets:
            encounters[pathway_id].append(new(EventRow, (eid, event, on)))
    return events, encounters


def _chunk(cursor, rows, unit, writer: Writer, coordinators: dict, seen_patients: set) -> None:
    ids = [r[0] for r in rows]
    wanted = writer.wanted
    events, meetings = (_events(cursor, ids) if wanted & {"EpisodeOfCare", "Encounter"}
                        else ({}, {}))
    tasks_wanted = "Task" in wanted
    dumps, loads, make, resh = orjson.dumps, orjson.loads, PathwayRow._make, unit.resh_id
    patients, episodes, encounters, tasks = [], [], [], []
    none = ()
    for row in rows:
        r = make(row[:PATHWAY_END])
        ident, kind, name, birth_date, first, last, username, hpr, clocks = \
            row[PATHWAY_END:CLOCKS_AT + 1]
        pid = r.patient_id
        if pid not in seen_patients:
            seen_patients.add(pid)
            patients.append((pid, dumps(patient_resource(
                PatientRow(pid, ident, kind, name, birth_date)), option=LINE)))
        episodes.append(dumps(episode_of_care(
            r, events.get(r.id, none), resh=resh, patient=(kind, ident),
            hpr=hpr or ""), option=LINE))
        for e in meetings.get(r.id, none):
            encounters.append(dumps(encounter(e, r), option=LINE))
        if tasks_wanted and clocks is not None:
            for clock in loads(clocks):
                tasks.append(dumps(task(clock, r), option=LINE))
        if r.coordinator_id is not None and r.coordinator_id not in coordinators:
            coordinators[r.coordinator_id] = UserRow(r.coordinator_id, first, last, username,
                                                     hpr)
    patients.sort()
    writer.write("Patient", [line for _pid, line in patients])
    writer.write("EpisodeOfCare", episodes)
    writer.write("Encounter", encounters)
    writer.write("Task", tasks)


def _plans(rows, writer: Writer) -> None:
    """The chunk's treatment plans (each pathway's current version) and self-reports,
    as the endpoints serve them to a reader of the unit (every field)."""
    wanted = writer.wanted & {"CarePlan", "QuestionnaireResponse"}
    if not wanted:
        return
    planned = [r[0] for r in rows if r[HAS_PLAN_AT]]
    reported = [r[0] for r in rows if r[HAS_REPORT_AT]]
    if not (planned or reported):
        return  # most chunks: no pathway rows made for nothing
    pathways = {r[0]: PathwayRow._make(r[:PATHWAY_END]) for r in rows
                if r[HAS_PLAN_AT] or r[HAS_REPORT_AT]}
    dumps = orjson.dumps
    if "CarePlan" in wanted and planned:
        current = {}
        for v in PlanVersion.objects.filter(pathway_id__in=planned).order_by("pathway_id",
                                                                             "-number"):
            current.setdefault(v.pathway_id, v)
        signed = dict(PlanResponse.objects.filter(
            version__in=current.values(), kind=ResponseKind.SIGNED).values_list("version_id",
                                                                                 "at")
                      if current else ())
        writer.write("CarePlan", [dumps(care_plan(v, pathways[pid],
                                                  signed_at=signed.get(v.pk)), option=LINE)
                                  for pid, v in sorted(current.items())])
    if "QuestionnaireResponse" in wanted and reported:
        writer.write("QuestionnaireResponse", [
            dumps(questionnaire_response(r, pathways[r.pathway_id]), option=LINE)
            for r in SelfReport.objects.filter(pathway_id__in=reported).order_by("pk")])


def _log(rows, unit, by) -> None:
    touches = list({r[PATIENT_ID_AT]: Touch(r[PATIENT_ID_AT], Basis.UNIT, "", unit.pk)
                    for r in rows}.values())
    append(user=by, request_id="", action=Action.READ, what="export", touches=touches)
