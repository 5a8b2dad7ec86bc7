"""The maintained indicator summary (``IndicatorFact``): one writer for every path.

``save_state`` calls ``replace_facts`` for each registration, correction, transfer
and start; ``move_pathway`` calls ``move_facts``; the daily recompute calls
``replace_facts_bulk`` for its batch; the bench loader writes ``fact_values`` rows.
``indicator_rebuild`` recomputes them all from the events (``forlop indicators``).
"""

from __future__ import annotations

from forlop.kernel.indicators import in_numerator, pathway_facts, periods_of
from forlop.pathways.models import IndicatorFact

# Column order of ``fact_values`` (the bench loader's rows use it too, after an id).
FACT_FIELDS = ("pathway", "indicator", "trust", "unit", "type", "placed_on", "month",
               "tertial", "met_month", "met_tertial", "cause", "days")


def fact_values(pathway_id: int, trust_id: int, unit_id: int, type: str, evaluation,
                events) -> list[tuple]:
    """The summary rows of one evaluated pathway, as tuples in ``FACT_FIELDS`` order."""
    rows = []
    for fact in pathway_facts(evaluation, events):
        month, tertial = periods_of(fact.placed_on)
        rows.append((pathway_id, fact.indicator, trust_id, unit_id, type, fact.placed_on,
                     month.key, tertial.key, in_numerator(fact, month),
                     in_numerator(fact, tertial), fact.cause, fact.days))
    return rows


def _objects(rows: list[tuple]) -> list[IndicatorFact]:
    names = [f"{name}_id" if name in ("pathway", "trust", "unit") else name
             for name in FACT_FIELDS]
    return [IndicatorFact(**dict(zip(names, row, strict=True))) for row in rows]


def replace_facts(*, pathway, evaluation, events) -> None:
    """Rewrite one pathway's rows (the caller holds its row lock and transaction)."""
    IndicatorFact.objects.filter(pathway=pathway).delete()
    rows = fact_values(pathway.pk, pathway.trust_id, pathway.unit_id, pathway.type,
                       evaluation, events)
    if rows:
        IndicatorFact.objects.bulk_create(_objects(rows))


def replace_facts_bulk(pathway_ids: list[int], rows: list[tuple]) -> None:
    """Rewrite the rows of a batch of pathways in two statements."""
    IndicatorFact.objects.filter(pathway_id__in=pathway_ids).delete()
    IndicatorFact.objects.bulk_create(_objects(rows), batch_size=2000)


def move_facts(*, pathway, unit) -> None:
    """A pathway moved to another unit of its trust: its figures go with it."""
    IndicatorFact.objects.filter(pathway=pathway).update(unit=unit)
