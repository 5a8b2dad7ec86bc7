"""Check pathways against the database, the actor's rights and the kernel; build
the rows the services would have stored for each accepted pathway.

Two halves. ``judge`` (pure work, no database: a forked worker process's share)
reads one pathway's lines into a draft, makes the checks that need no database
(unit known, type, setting, severity, identifier), lets the kernel judge it and
builds its rows without ids (``Judged``). ``Planner.plan`` (the parent, one chunk
at a time) makes the checks that need the database or the file's order (rights,
patients, coordinators, conflicts with stored pathways and earlier in the file).

Every problem becomes a ``Rejection`` naming the line and the field; a pathway with
any rejection is not planned, and the import then lands nothing (``run``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection
from django.utils.translation import gettext as _

from forlop.access.authorize import unit_permissions
from forlop.access.permissions import Permission
from forlop.accounts.models import User
from forlop.fhir.importing import csvfile, ndjson
from forlop.fhir.importing.drafts import Draft, Rejection
from forlop.kernel.evaluation import evaluate
from forlop.kernel.events import normalise_events
from forlop.kernel.identifiers import classify
from forlop.organisations.models import Unit
from forlop.pathways.kernel_bridge import local_norms_for, stored_data
from forlop.pathways.models import CareSetting, PathwayType, Severity
from forlop.pathways.presenters.kernel_errors import error_text
from forlop.pathways.services.indicator_facts import fact_values
from forlop.pathways.services.projection import state_fields, status_history
from forlop.patients.identifiers import identifier_problem
from forlop.patients.models import Patient

START = ("referral_received", "referral_assessed", "pathway_start")
TYPES, SETTINGS, SEVERITIES = (frozenset(PathwayType.values), frozenset(CareSetting.values),
                               frozenset(Severity.values))


def chunked(values, size=900):
    values = iter(values)
    while chunk := list(islice(values, size)):
        yield chunk


@dataclass(frozen=True)
class World:
    """What a worker needs and may not query: every unit (RESH id -> id, trust) and
    each trust's local norms, read before the workers are forked; and how to read a
    line (``csv`` or ``ndjson``, with the file's Patients indexed)."""

    fmt: str
    today: dt.date
    units: dict[str, tuple[int, int]]
    norms: dict
    patients: dict = field(default_factory=dict)

    @classmethod
    def read(cls, fmt: str, today: dt.date, patients: dict | None = None) -> World:
        units = {resh: (pk, trust) for resh, pk, trust in
                 Unit.objects.values_list("resh_id", "pk", "trust_id")}
        norms = {trust: local_norms_for(trust) for trust in {t for _u, t in units.values()}}
        return cls(fmt, today, units, norms, patients or {})


@dataclass
class Judged:
    """One pathway as a worker hands it back: the draft's own fields (its events
    dropped), every rejection so far, and, when the kernel accepted it, its rows
    without ids (``write.build_rows`` adds them)."""

    draft: Draft | None
    read: list[Rejection] = field(default_factory=list)  # reading the lines
    static: list[Rejection] = field(default_factory=list)  # unit, type, setting, ...
    kernel: list[Rejection] = field(default_factory=list)  # the kernel and the events
    skipped: str = ""  # an NDJSON line of another resource type
    start_on: dt.date | None = None
    ended: bool = False
    referral: tuple = ()  # received, assessed, right granted, first trust name, start
    pathway: tuple = ()  # setting, ruleset, closed on
    event_rows: list[tuple] = field(default_factory=list)  # event, on, outcome, data
    state: tuple = ()  # PathwayState after pathway and unit
    history: list[tuple[str, str]] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)  # IndicatorFact after pathway


_WORLD: World | None = None


def install(world: World) -> None:
    """The pool's initializer (and the serial way): forked workers inherit ``world``."""
    global _WORLD  # noqa: PLW0603
    _WORLD = world


def judge(item) -> Judged:
    """A worker's share for one pathway: ``item`` is its CSV rows (``csvfile.groups``)
    or its NDJSON line (``ndjson.lines``)."""
    world = _WORLD
    rejections: list[Rejection] = []
    if world.fmt == "csv":
        draft = csvfile.draft(item, rejections)
    else:
        skipped: dict = {}
        draft = ndjson.resource(item, world.patients, rejections, skipped)
        if draft is None:
            return Judged(None, rejections, skipped=next(iter(skipped), ""))
    judged = Judged(draft, rejections)
    _judge_draft(judged, world)
    # The rows carry the events now, and the names served the kernel's messages: the
    # parent needs the pathway's own fields only (less to pickle back).
    draft.events, draft.names = [], {}
    return judged


def _judge_draft(judged: Judged, world: World) -> None:
    draft = judged.draft
    out = judged.static

    def reject(column, reason, line=None, into=out):
        into.append(Rejection(line or draft.line, column, reason))

    unit = world.units.get(draft.unit_resh)
    if unit is None:
        reject("unit_resh", _("Ingen enhet har RESH-id %(resh)s. Bruk enhetens RESH-id.")
               % {"resh": draft.unit_resh or "–"})
    if draft.type not in TYPES:
        reject("type", _("Ukjent forløpstype %(value)s. Bruk en av: %(known)s.")
               % {"value": draft.type or "–", "known": ", ".join(PathwayType.values)})
    if draft.setting not in SETTINGS:
        reject("setting", _("Ukjent omsorgsnivå %(value)s. Bruk outpatient eller inpatient.")
               % {"value": draft.setting or "–"})
    if draft.severity and draft.severity not in SEVERITIES:
        reject("severity", _("Ukjent alvorlighetsgrad %(value)s. Bruk serious, less_serious "
                             "eller la feltet stå tomt.") % {"value": draft.severity})
    problem = (identifier_problem(draft.patient_identifier) if draft.patient_identifier
               else _("Mangler pasientens fødselsnummer, D-nummer eller FH-nummer."))
    if problem:
        reject("patient_identifier", problem)
    if unit is None:
        return
    lines, events = ordered(draft)
    spec = {"type": draft.type, "setting": draft.setting, "severity": draft.severity or None}
    if out:
        return
    # The events parsed once (the kernel's own parse, used three times): in the file's
    # order, so the kernel's event indexes still name the lines. If the kernel cannot
    # read one, it is given the dicts and says so itself.
    entries, unread = normalise_events(events)
    parsed = [e.event for e in sorted(entries, key=lambda e: e.index)]
    evaluation = evaluate(spec, events if unread else parsed, world.today,
                          local_norms=world.norms[unit[1]])
    kernel = judged.kernel
    for error in evaluation.errors:
        index = error.event_index
        line = lines[index] if index is not None and index < len(lines) else draft.line
        reject(draft.column(error.field), _("%(text)s (regelmotoren: %(code)s, %(message)s)")
               % {"text": error_text(error), "code": error.code, "message": error.message},
               line, kernel)
    start = next((e for e in events if e["event"] == "pathway_start"), None)
    for needed in ("referral_received", "pathway_start"):
        if not any(e["event"] == needed for e in events):
            reject("event", _("Forløpet mangler en rad for %(event)s (med gyldig dato). Hvert "
                              "forløp trenger mottatt henvisning og start.")
                   % {"event": needed}, None, kernel)
    if start is not None and bool(start.get("first_trust_start")) != bool(
            start.get("first_trust_name")):
        reject("first_trust_name", _("Første helseforetak trenger både navn og startdato."),
               lines[events.index(start)], kernel)
    if kernel:
        return
    _rows(judged, draft, events, entries, evaluation, start, world.today)


def _rows(judged: Judged, draft: Draft, events: list[dict], entries, evaluation,
          start: dict, today: dt.date) -> None:
    """What ``write.build_rows`` needs, in the rows' own order, without ids."""
    first_of = {}
    for e in events:
        first_of.setdefault(e["event"], e)
    received, assessed = first_of["referral_received"], first_of.get("referral_assessed")
    first_trust = (start.get("first_trust_start"), start.get("first_trust_name") or "")
    judged.referral = (received["date"], assessed["date"] if assessed else None,
                       (assessed["outcome"] == "right_granted") if assessed else None,
                       first_trust[1], first_trust[0])
    ends = [e["date"] for e in events if e["event"] == "pathway_end"]
    closed_on = max(ends) if ends else None
    judged.start_on, judged.ended = start["date"], bool(ends)
    judged.pathway = (evaluation.setting or draft.setting, evaluation.ruleset_id, closed_on)
    rows = judged.event_rows
    for e in events:
        data = stored_data(e)
        rows.append((e["event"], e["date"], e.get("outcome") or "",
                     json.dumps(data) if data else "{}"))
    s = state_fields(evaluation, today)
    judged.state = (s["is_open"], s["state"], s["next_due"], s["next_clock"], s["next_basis"],
                    s["breached"], s["patient_caused_breach"], s["service_caused_breach"],
                    json.dumps(s["clocks"]), s["ruleset"], s["computed_on"])
    judged.history = [(state, reason) for state, reason, _on in
                      status_history(events, entries, start_events=start_group(events))]
    # fact_values' rows start with pathway, indicator, trust, unit: ids come later.
    judged.facts = [(row[1], *row[4:]) for row in
                    fact_values(0, 0, 0, draft.type, evaluation, [e.event for e in entries])]


@dataclass
class Accepted:
    """A pathway the parent accepted: the worker's rows and the ids they point to."""

    judged: Judged
    unit_id: int
    trust_id: int
    patient: int | str  # an existing patient's id, or the identifier of a new one
    coordinator_id: int | None


@dataclass
class Plan:
    """One chunk's accepted pathways and new patients, and every rejection in it."""

    pathways: list[Accepted] = field(default_factory=list)
    new_patients: dict[str, tuple[str, str, dt.date | None]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)
    events: int = 0
    skipped: dict = field(default_factory=dict)


class Planner:
    """The parent's checks, one chunk at a time, in file order. What the file's
    earlier chunks hold is in the database already (written in this transaction), so
    a chunk reads its patients and their pathways from there; once a rejection has
    stopped the writing, the keys of what was accepted since are kept here instead
    (``pending``) so that conflicts later in the file are still found."""

    def __init__(self, world: World, by):
        self.world, self.by = world, by
        self.units = {}  # unit id -> (name, may register)
        self.coordinators: dict[str, int | None] = {}
        self.open: set[tuple] = set()  # (identifier, type, trust) accepted, not written
        self.started: set[tuple] = set()  # (..., started on) likewise

    def written(self) -> None:
        """The chunk just planned is in the database now."""
        self.open.clear()
        self.started.clear()

    def plan(self, chunk: list[Judged]) -> Plan:
        result = Plan()
        drafts = [j.draft for j in chunk if j.draft is not None]
        patients, stored_open, stored_started = self._stored(drafts)
        self._coordinators({d.coordinator_hpr for d in drafts if d.coordinator_hpr})
        for judged in chunk:
            result.rejections += judged.read
            if judged.draft is None:
                if judged.skipped:
                    result.skipped[judged.skipped] = result.skipped.get(judged.skipped, 0) + 1
                continue
            accepted = self._plan_one(judged, patients, stored_open, stored_started, result)
            if accepted is not None:
                result.pathways.append(accepted)
                result.events += len(judged.event_rows)
        return result

    def _stored(self, drafts: list[Draft]):
        """The chunk's patients found in the database, each with its pathways: one
        query (a left join) for the whole chunk on PostgreSQL, one per 900 patients on
        SQLite (its limit of parameters); two queries per 900 took ~2.5x the time."""
        identifiers = {d.patient_identifier for d in drafts}
        patients, stored_open, stored_started = {}, set(), set()
        size = 900 if connection.vendor == "sqlite" else 60_000
        for chunk in chunked(identifiers, size):
            for identifier, pk, kind, trust, started, is_open in Patient.objects.filter(
                    identifier__in=chunk).values_list(
                        "identifier", "pk", "pathways__type", "pathways__trust_id",
                        "pathways__started_on", "pathways__is_open"):
                patients[identifier] = pk
                if kind is None:  # a patient without pathways
                    continue
                key = (identifier, kind, trust)
                stored_started.add((*key, started))
                if is_open:
                    stored_open.add(key)
        return patients, stored_open, stored_started

    def _coordinators(self, hprs: set[str]) -> None:
        wanted = [h for h in hprs if h not in self.coordinators]
        for chunk in chunked(wanted):
            found = dict(User.objects.filter(hpr_number__in=chunk)
                         .values_list("hpr_number", "pk"))
            for hpr in chunk:
                self.coordinators[hpr] = found.get(hpr)

    def _unit(self, unit_id: int) -> tuple[str, bool]:
        if unit_id not in self.units:
            unit = Unit.objects.get(pk=unit_id)
            self.units[unit_id] = (unit.name, Permission.REGISTER_CLINICAL
                                   in unit_permissions(self.by, unit))
        return self.units[unit_id]

    def _plan_one(self, judged: Judged, patients: dict, stored_open: set,
                  stored_started: set, result: Plan) -> Accepted | None:
        draft = judged.draft
        out = list(judged.static)

        def reject(column, reason):
            out.append(Rejection(draft.line, column, reason))

        unit = self.world.units.get(draft.unit_resh)
        if unit is not None:
            name, may = self._unit(unit[0])
            if not may:
                reject("unit_resh", _("%(user)s har ikke rett til å registrere kliniske "
                                      "hendelser i %(unit)s. Importer med en bruker som har "
                                      "det.") % {"user": self.by.username, "unit": name})
        patient = patients.get(draft.patient_identifier)
        problem = any(r.field == "patient_identifier" for r in judged.static)
        if patient is None and not problem and not draft.patient_name:
            reject("patient_name", _("Pasienten finnes ikke i Forløp ennå: oppgi navnet."))
        coordinator = None
        if draft.coordinator_hpr:
            coordinator = self.coordinators.get(draft.coordinator_hpr)
            if coordinator is None:
                reject("coordinator_hpr", _("Ingen bruker har HPR-nummer %(hpr)s.")
                       % {"hpr": draft.coordinator_hpr})
        if not out:
            out += judged.kernel
        if not out:
            key = (draft.patient_identifier, draft.type, unit[1])
            if not judged.ended and (key in stored_open or key in self.open):
                reject("patient_identifier", _(
                    "Pasienten har allerede et åpent forløp av denne typen i helseforetaket "
                    "(i Forløp eller tidligere i filen)."))
            started = (*key, judged.start_on)
            if not out and (started in stored_started or started in self.started):
                # An earlier chunk of this file is in the database too: either place.
                reject("pathway_ref", _(
                    "Forløpet finnes allerede (samme pasient, type og startdato %(date)s), "
                    "i Forløp eller tidligere i filen. Er filen importert før, eller står "
                    "forløpet to ganger i filen under ulike forløpsreferanser?")
                    % {"date": judged.start_on.isoformat()})
        if out:
            result.rejections += out
            return None
        if not judged.ended:
            self.open.add(key)
        self.started.add(started)
        if patient is None and draft.patient_identifier not in result.new_patients:
            result.new_patients[draft.patient_identifier] = (
                classify(draft.patient_identifier).kind.value, draft.patient_name,
                draft.birth_date)
        return Accepted(judged, unit[0], unit[1], patient or draft.patient_identifier,
                        coordinator)


def plan_serially(drafts: list[Draft], world: World, planner: Planner) -> Plan:
    """Drafts already read (the bench's naive way, tests): judged in this process."""
    install(world)
    judged = []
    for draft in drafts:
        one = Judged(draft)
        _judge_draft(one, world)
        judged.append(one)
    return planner.plan(judged)


def ordered(draft: Draft) -> tuple[list[int], list[dict]]:
    """The start group as ``open_pathway`` stores it (referral received, assessed when
    on or before the start, start), then the rest in date order (stable)."""
    indexed = list(enumerate(draft.events))
    firsts = {}
    for i, (_line, e) in indexed:
        firsts.setdefault(e["event"], i)
    start = firsts.get("pathway_start")
    group = [firsts[k] for k in START if k in firsts]
    if "referral_assessed" in firsts and start is not None and (
            draft.events[firsts["referral_assessed"]][1]["date"]
            > draft.events[start][1]["date"]):
        group.remove(firsts["referral_assessed"])
    rest = sorted((i for i, _ in indexed if i not in group),
                  key=lambda i: draft.events[i][1]["date"])
    order = group + rest
    return [draft.events[i][0] for i in order], [draft.events[i][1] for i in order]


def start_group(events: list[dict]) -> int:
    for n, e in enumerate(events, start=1):
        if e["event"] == "pathway_start":
            return n
    return len(events)


