"""The counts beside the facts (``IndicatorCount``, ``IndicatorDays``; ADR 62): compare
them with the facts grouped, and refill them from the facts. The triggers keep them;
these are for ``forlop indicators check`` and ``rebuild``."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from forlop.indicators.models import COUNT_KEY, DAYS_KEY, IndicatorCount, IndicatorDays
from forlop.pathways.models import IndicatorFact

_TABLES = ((IndicatorCount, COUNT_KEY, {}), (IndicatorDays, DAYS_KEY, {"days__isnull": False}))


def differences() -> list[str]:
    """Each key where a count differs from the facts grouped (empty when they agree)."""
    found = []
    for model, key, only in _TABLES:
        kept = {tuple(row[:-1]): row[-1] for row in model.objects.values_list(*key, "n")}
        grouped = {tuple(row[:-1]): row[-1] for row in IndicatorFact.objects.filter(**only)
                   .values_list(*key).annotate(total=Count("pk")).order_by()}
        for values in sorted(set(kept) | set(grouped), key=repr):
            if kept.get(values, 0) != grouped.get(values, 0):
                found.append(f"{model._meta.model_name} {dict(zip(key, values, strict=True))}: "
                             f"kept {kept.get(values, 0)}, facts {grouped.get(values, 0)}")
    return found


@transaction.atomic
def refill() -> None:
    """Rewrite both tables from the facts (a repair; normally nothing to do)."""
    for model, key, only in _TABLES:
        model.objects.all().delete()
        model.objects.bulk_create(
            (model(**dict(zip(key, row[:-1], strict=True)), n=row[-1])
             for row in IndicatorFact.objects.filter(**only).values_list(*key)
             .annotate(total=Count("pk")).order_by()), batch_size=2000)
