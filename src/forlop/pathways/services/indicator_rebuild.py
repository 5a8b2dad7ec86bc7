"""The indicator summary recomputed from the events: ``forlop indicators rebuild``
rewrites it, ``forlop indicators check`` lists where it differs."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.db import transaction
from django.utils import timezone

from forlop.kernel.evaluation import evaluate
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of
from forlop.pathways.models import IndicatorFact, Pathway
from forlop.pathways.services.indicator_facts import FACT_FIELDS, fact_values, replace_facts_bulk
from forlop.pathways.services.recompute import events_of


def expected_rows(ids: list[int], today: dt.date) -> dict[int, list[tuple]]:
    """Every listed pathway's rows, recomputed from its events."""
    pathways = {p.pk: p for p in Pathway.objects.filter(pk__in=ids)
                .only("type", "setting_at_start", "severity", "trust_id", "unit_id")}
    norms = {t: local_norms_for(t) for t in {p.trust_id for p in pathways.values()}}
    found: dict[int, list[tuple]] = {pk: [] for pk in ids}
    for pathway_id, group in groupby(events_of(ids), key=lambda r: r.pathway_id):
        p = pathways[pathway_id]
        events = effective_events(group)
        evaluation = evaluate(spec_of(p), events, today, local_norms=norms[p.trust_id])
        found[pathway_id] = fact_values(p.pk, p.trust_id, p.unit_id, p.type, evaluation,
                                        events)
    return found


def _batches(batch: int):
    ids = list(Pathway.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        yield ids[start:start + batch]


def rebuild(*, today: dt.date | None = None, batch: int = 5000) -> int:
    """Rewrite the whole summary from the events; returns the rows written."""
    today = today or timezone.localdate()
    written = 0
    for ids in _batches(batch):
        with transaction.atomic():
            list(Pathway.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
            rows = [row for found in expected_rows(ids, today).values() for row in found]
            replace_facts_bulk(ids, rows)
            written += len(rows)
    return written


def differences(*, today: dt.date | None = None, batch: int = 5000) -> list[str]:
    """Each difference between the stored summary and a recomputation from events,
    one line each (pathway, indicator, stored, expected). Empty when they agree."""
    today = today or timezone.localdate()
    found: list[str] = []
    for ids in _batches(batch):
        expected = expected_rows(ids, today)
        stored: dict[int, list[tuple]] = {pk: [] for pk in ids}
        for row in IndicatorFact.objects.filter(pathway_id__in=ids).values_list(
                *(f"{n}_id" if n in ("pathway", "trust", "unit") else n
                  for n in FACT_FIELDS)):
            stored[row[0]].append(tuple(row))
        for pk in ids:
            have = {r[1]: r for r in stored[pk]}
            want = {r[1]: r for r in expected[pk]}
            for indicator in sorted(set(have) | set(want)):
                if have.get(indicator) != want.get(indicator):
                    found.append(f"pathway {pk} {indicator}: stored {_show(have.get(indicator))}"
                                 f", expected {_show(want.get(indicator))}")
    return found


def _show(row: tuple | None) -> str:
    if row is None:
        return "nothing"
    return ", ".join(f"{name}={value}" for name, value in zip(FACT_FIELDS[2:], row[2:],
                                                                strict=True))
