"""Check drafts against the database, the actor's rights and the kernel; build what
the services would have stored for each accepted pathway.

Every problem becomes a ``Rejection`` naming the line and the field; a pathway with
any rejection is not planned, and the import then lands nothing (``write``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice

from django.utils.translation import gettext as _

from forlop.access.authorize import unit_permissions
from forlop.access.permissions import Permission
from forlop.accounts.models import User
from forlop.fhir.importing.drafts import Draft, Rejection
from forlop.kernel.evaluation import evaluate
from forlop.kernel.identifiers import classify
from forlop.organisations.models import Unit
from forlop.pathways.kernel_bridge import local_norms_for
from forlop.pathways.models import CareSetting, Pathway, PathwayType, Severity
from forlop.pathways.presenters.kernel_errors import error_text
from forlop.pathways.services.projection import state_fields, status_history
from forlop.patients.identifiers import identifier_problem
from forlop.patients.models import Patient

START = ("referral_received", "referral_assessed", "pathway_start")
TYPES, SETTINGS, SEVERITIES = (frozenset(PathwayType.values), frozenset(CareSetting.values),
                               frozenset(Severity.values))


@dataclass
class Planned:
    """One accepted pathway, ready to become rows."""

    draft: Draft
    unit_id: int
    trust_id: int
    patient: int | str  # an existing patient's id, or the identifier of a new one
    coordinator_id: int | None
    events: list[dict]  # kernel event dicts, the start group first
    start_events: int
    evaluation: object
    state: dict
    history: list  # (state, reason, date) as the services would have recorded it


@dataclass
class Plan:
    pathways: list[Planned] = field(default_factory=list)
    new_patients: dict[str, tuple[str, str, dt.date | None]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def events(self) -> int:
        return sum(len(p.events) for p in self.pathways)


def chunked(values, size=900):
    values = iter(values)
    while chunk := list(islice(values, size)):
        yield chunk


class Context:
    """What the drafts refer to, read once in a few set-based queries."""

    def __init__(self, drafts: list[Draft], by):
        self.by = by
        resh = {d.unit_resh for d in drafts}
        self.units = {u.resh_id: u for u in Unit.objects.filter(resh_id__in=resh)}
        self.permissions = {u.pk: unit_permissions(by, u) for u in self.units.values()}
        identifiers = {d.patient_identifier for d in drafts}
        self.patients = {}
        for chunk in chunked(identifiers):
            self.patients.update(Patient.objects.filter(identifier__in=chunk)
                                 .values_list("identifier", "pk"))
        hprs = {d.coordinator_hpr for d in drafts if d.coordinator_hpr}
        self.coordinators = dict(User.objects.filter(hpr_number__in=hprs)
                                 .values_list("hpr_number", "pk"))
        self.open, self.started = set(), set()
        for chunk in chunked(self.patients.values()):
            for patient, kind, trust, started, is_open in Pathway.objects.filter(
                    patient_id__in=chunk).values_list("patient_id", "type", "trust_id",
                                                      "started_on", "is_open"):
                self.started.add((patient, kind, trust, started))
                if is_open:
                    self.open.add((patient, kind, trust))
        self.norms = {}

    def local_norms(self, trust_id):
        if trust_id not in self.norms:
            self.norms[trust_id] = local_norms_for(trust_id)
        return self.norms[trust_id]


# Below this many pathways a pool of processes costs more than it saves.
PARALLEL_FROM = 400


def plan(drafts: list[Draft], *, by, today: dt.date, progress=None, workers: int = 2,
         parallel_from: int = PARALLEL_FROM) -> Plan:
    """The kernel judges each pathway (in ``workers`` forked processes for a big file:
    pure work, no database); everything that depends on order or on the database
    (conflicts within the file and with stored pathways) runs here, in file order."""
    result = Plan()
    context = Context(drafts, by)
    judged = _judged(drafts, context, today, workers if len(drafts) >= parallel_from else 1)
    for i, draft in enumerate(drafts):
        planned = _plan_one(draft, context, today, result, judged.get(i))
        if planned is not None:
            result.pathways.append(planned)
        if progress is not None:
            progress(len(draft.events))
    return result


def _judge(job) -> tuple:
    """The kernel's work for one pathway: its evaluation and, when accepted, its
    projection and status history (both derived from the events alone)."""
    spec, events, today, norms = job
    evaluation = evaluate(spec, events, today, local_norms=norms)
    if evaluation.errors:
        return evaluation, None, None
    return (evaluation, state_fields(evaluation, today),
            status_history(events, start_events=_start_group(events)))


def _judged(drafts: list[Draft], ctx: Context, today: dt.date, workers: int) -> dict:
    """{draft index: (lines, events, evaluation, state fields)} for drafts whose unit
    is known (the others are refused before the kernel is asked)."""
    order, jobs = [], []
    for i, draft in enumerate(drafts):
        unit = ctx.units.get(draft.unit_resh)
        if unit is None:
            continue
        lines, events = _ordered(draft)
        spec = {"type": draft.type, "setting": draft.setting,
                "severity": draft.severity or None}
        order.append((i, lines, events))
        jobs.append((spec, events, today, ctx.local_norms(unit.trust_id)))
    if workers > 1:
        # fork: the workers inherit the loaded catalog and never touch the database.
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_judge, jobs, chunksize=256)
    else:
        results = map(_judge, jobs)
    return {i: (lines, events, *r) for (i, lines, events), r in zip(order, results,
                                                                      strict=True)}


def _plan_one(draft: Draft, ctx: Context, today: dt.date, result: Plan,
              judged) -> Planned | None:
    out: list[Rejection] = []

    def reject(column, reason, line=None):
        out.append(Rejection(line or draft.line, column, reason))

    unit = ctx.units.get(draft.unit_resh)
    if unit is None:
        reject("unit_resh", _("Ingen enhet har RESH-id %(resh)s. Bruk enhetens RESH-id.")
               % {"resh": draft.unit_resh or "–"})
    elif Permission.REGISTER_CLINICAL not in ctx.permissions[unit.pk]:
        reject("unit_resh", _("%(user)s har ikke rett til å registrere kliniske hendelser i "
                              "%(unit)s. Importer med en bruker som har det.")
               % {"user": ctx.by.username, "unit": unit.name})
    if draft.type not in TYPES:
        reject("type", _("Ukjent forløpstype %(value)s. Bruk en av: %(known)s.")
               % {"value": draft.type or "–", "known": ", ".join(PathwayType.values)})
    if draft.setting not in SETTINGS:
        reject("setting", _("Ukjent omsorgsnivå %(value)s. Bruk outpatient eller inpatient.")
               % {"value": draft.setting or "–"})
    if draft.severity and draft.severity not in SEVERITIES:
        reject("severity", _("Ukjent alvorlighetsgrad %(value)s. Bruk serious, less_serious "
                             "eller la feltet stå tomt.") % {"value": draft.severity})
    problem = identifier_problem(draft.patient_identifier)
    if problem:
        reject("patient_identifier", problem)
    patient = ctx.patients.get(draft.patient_identifier)
    if patient is None and not problem and not draft.patient_name:
        reject("patient_name", _("Pasienten finnes ikke i Forløp ennå: oppgi navnet."))
    coordinator = None
    if draft.coordinator_hpr:
        coordinator = ctx.coordinators.get(draft.coordinator_hpr)
        if coordinator is None:
            reject("coordinator_hpr", _("Ingen bruker har HPR-nummer %(hpr)s.")
                   % {"hpr": draft.coordinator_hpr})
    if out:
        result.rejections += out
        return None

    lines, events, evaluation, state, history = judged
    start_events = _start_group(events)
    for error in evaluation.errors:
        index = error.event_index
        line = lines[index] if index is not None and index < len(lines) else draft.line
        reject(draft.column(error.field), _("%(text)s (regelmotoren: %(code)s, %(message)s)")
               % {"text": error_text(error), "code": error.code, "message": error.message},
               line)
    start = next((e for e in events if e["event"] == "pathway_start"), None)
    for needed in ("referral_received", "pathway_start"):
        if not any(e["event"] == needed for e in events):
            reject("event", _("Forløpet mangler en rad for %(event)s (med gyldig dato). Hvert "
                              "forløp trenger mottatt henvisning og start.")
                   % {"event": needed})
    if start is not None and bool(start.get("first_trust_start")) != bool(
            start.get("first_trust_name")):
        reject("first_trust_name", _("Første helseforetak trenger både navn og startdato."),
               lines[events.index(start)])
    ended = [e["date"] for e in events if e["event"] == "pathway_end"]
    key = (patient or draft.patient_identifier, draft.type, unit.trust_id)
    if not out and not ended and (key in ctx.open):
        reject("patient_identifier", _("Pasienten har allerede et åpent forløp av denne typen "
                                       "i helseforetaket (i Forløp eller tidligere i filen)."))
    if not out and start is not None and (*key, start["date"]) in ctx.started:
        reject("pathway_ref", _("Forløpet finnes allerede i Forløp (samme pasient, type og "
                                "startdato %(date)s). Filen er kanskje importert før.")
               % {"date": start["date"].isoformat()})
    if out:
        result.rejections += out
        return None
    if not ended:
        ctx.open.add(key)
    ctx.started.add((*key, start["date"]))
    if patient is None and draft.patient_identifier not in result.new_patients:
        result.new_patients[draft.patient_identifier] = (
            classify(draft.patient_identifier).kind.value, draft.patient_name, draft.birth_date)
    return Planned(draft, unit.pk, unit.trust_id, patient or draft.patient_identifier,
                   coordinator, events, start_events, evaluation, state, history)


def _ordered(draft: Draft) -> tuple[list[int], list[dict]]:
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


def _start_group(events: list[dict]) -> int:
    for n, e in enumerate(events, start=1):
        if e["event"] == "pathway_start":
            return n
    return len(events)


def by_unit(planned: list[Planned]) -> dict[int, list[Planned]]:
    out = defaultdict(list)
    for p in planned:
        out[p.unit_id].append(p)
    return out
