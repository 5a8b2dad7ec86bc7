"""The same work done the obvious, slow way: the yardstick for every figure.

Naive runs work on a sample and are extrapolated linearly (their cost is per row by
construction); the sample size is reported with the figures.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from django.db import transaction

from forlop.accounts.models import RoleAssignment
from forlop.accounts.roles import Role
from forlop.bench.histories import history
from forlop.demo.people import synthetic_identifier, synthetic_name
from forlop.organisations.models import Unit
from forlop.pathways.kernel_bridge import effective_events, judge, spec_of
from forlop.pathways.models import Pathway, PathwayState, Referral
from forlop.pathways.services import start_pathway
from forlop.pathways.services.projection import save_state
from forlop.pathways.services.register import append_event
from forlop.patients.models import Patient

START_EVENTS = {"referral_received", "referral_assessed", "pathway_start"}


def import_per_row(*, unit_by_type: dict[str, int], by, pathways: int, seed: int,
                   today: dt.date) -> tuple[int, float]:
    """Every event through the services, one transaction each; returns (events, s)."""
    rng = random.Random(f"{seed}:naive-import")
    units = Unit.objects.in_bulk(set(unit_by_type.values()))
    # The services check their actor, so the importer registers as a clinician of
    # the units it writes to (the check is part of the per-row cost being measured).
    for unit in units.values():
        RoleAssignment.objects.get_or_create(user=by, role=Role.CLINICIAN, unit=unit,
                                             defaults={"valid_from": dt.date(2000, 1, 1)})
    events, seconds = 0, 0.0
    for _ in range(pathways):
        scenario = history(rng, today)
        identifier, kind = synthetic_identifier(rng)
        while Patient.objects.filter(identifier=identifier).exists():
            identifier, kind = synthetic_identifier(rng)
        patient = Patient.objects.create(identifier=identifier, identifier_kind=kind,
                                         name=synthetic_name(rng))
        first = {e["event"]: e["date"] for e in scenario.events if e["event"] in START_EVENTS}
        unit = units[unit_by_type[scenario.type]]
        referral = Referral.objects.create(
            patient=patient, unit=unit, received_on=first["referral_received"],
            assessed_on=first["referral_assessed"], right_granted=True, created_by=by)
        t = time.perf_counter()
        pathway = start_pathway(
            patient=patient, unit=unit, type=scenario.type, referral=referral,
            setting=scenario.setting, severity=scenario.severity or "", by=by,
            referral_received_on=first["referral_received"],
            started_on=first["pathway_start"], assessed_on=first["referral_assessed"],
            right_granted=True, today=today,
        )
        for e in scenario.events:
            if e["event"] not in START_EVENTS:
                data = {k: v for k, v in e.items() if k not in {"event", "date", "outcome"}}
                # Loaded history: append_event, as the loader (no closure checks, ADR 50).
                append_event(pathway=pathway, event=e["event"], on=e["date"], by=by,
                             outcome=e.get("outcome") or "", data=data, today=today)
        seconds += time.perf_counter() - t
        events += len(scenario.events)
    return events, seconds


def recompute_per_row(*, by, sample: int, today: dt.date) -> tuple[int, float]:
    """Per pathway: load it, load its events, evaluate, save the state row. Rolled back,
    so the real recompute starts from the same data. Returns (pathways, s)."""
    ids = list(PathwayState.objects.filter(is_open=True).order_by("pathway_id")
               .values_list("pathway_id", flat=True)[:sample])
    with transaction.atomic():
        t = time.perf_counter()
        for pk in ids:
            pathway = Pathway.objects.get(pk=pk)
            events = effective_events(pathway.events.all())
            evaluation = judge(spec_of(pathway), events, today, trust_id=pathway.trust_id)
            save_state(pathway=pathway, evaluation=evaluation, events=events, today=today,
                       by=by, reason="recompute")
        seconds = time.perf_counter() - t
        transaction.set_rollback(True)
    return len(ids), seconds
