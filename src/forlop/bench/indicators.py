"""A year's indicator figures for a trust: from the maintained counts (ADR 62), grouped
from the facts (the way before the counts), and the naive way (every pathway of the
trust re-evaluated from its events, then ``compute``). And the dashboard's national
view: the whole country's figures for a tertial, from the counts and from the facts."""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Count

from forlop.bench.timing import p95, timed_ms
from forlop.indicators.models import IndicatorCount
from forlop.indicators.selectors import period_rows, period_rows_from_facts, year_figures
from forlop.kernel.indicators import (
    compute,
    fold,
    member_of,
    month_key,
    parse_period,
    tertial_key,
)
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of
from forlop.pathways.models import IndicatorFact, Pathway


def measure(scale, today: dt.date) -> dict:
    """The busiest trust's figures for the last full year (12 months, 3 tertials)."""
    busiest = (Pathway.objects.values("trust_id").annotate(n=Count("pk"))
               .order_by("-n", "trust_id").first())
    trust_id, pathways = busiest["trust_id"], busiest["n"]
    year = today.year - 1
    repeats = max(5, scale.samples // 4)
    samples = timed_ms(lambda: year_figures(trust_id=trust_id, year=year), repeats)
    from_facts = timed_ms(lambda: year_from_facts(trust_id, year), repeats)
    # The last whole tertial before today: the dashboard's national view.
    tertial = parse_period(tertial_key(parse_period(tertial_key(today)).start
                                       - dt.timedelta(days=1)))
    dashboard = timed_ms(lambda: fold(period_rows(None, tertial)), repeats)
    dashboard_naive = timed_ms(lambda: fold(period_rows_from_facts(None, tertial)), repeats)
    done, seconds = naive_year(trust_id, year, sample=scale.naive_sample, today=today)
    return {
        "indicators_trust_pathways": pathways,
        "indicators_trust_year_facts": IndicatorFact.objects.filter(
            trust_id=trust_id, placed_on__year=year).count(),
        "indicators_count_rows": IndicatorCount.objects.count(),
        "indicators_facts": IndicatorFact.objects.count(),
        "indicators_year_ms": p95(samples),
        "indicators_year_ms_facts": p95(from_facts),
        "indicators_dashboard_ms": p95(dashboard),
        "indicators_dashboard_ms_naive": p95(dashboard_naive),
        "indicators_dashboard_facts": IndicatorFact.objects.filter(
            placed_on__gte=tertial.start, placed_on__lte=tertial.end).count(),
        # The raw recomputation per pathway is linear in the trust's pathways: the
        # sample's time per pathway, times all of them.
        "indicators_year_ms_naive": seconds * 1000 / max(done, 1) * pathways,
        "naive_indicators_sample": done,
    }


def year_from_facts(trust_id: int, year: int) -> dict[str, dict]:
    """A trust's year grouped from the facts (one GROUP BY on the trust's covering
    index), folded per period: the year's figures before the counts (ADR 62)."""
    grouped = (IndicatorFact.objects.filter(trust_id=trust_id,
                                            placed_on__gte=dt.date(year, 1, 1),
                                            placed_on__lte=dt.date(year, 12, 31))
               .values_list("indicator", "unit_id", "month", "tertial", "met_month",
                            "met_tertial", "cause").annotate(n=Count("pk")).order_by())
    by_period: dict[str, list[tuple]] = {}
    for indicator, unit, month, tertial, met_m, met_t, cause, n in grouped:
        by_period.setdefault(month, []).append((indicator, unit, "", met_m, cause, n))
        by_period.setdefault(tertial, []).append((indicator, unit, "", met_t, cause, n))
    return {key: fold(rows) for key, rows in by_period.items()}


def naive_year(trust_id: int, year: int, *, sample: int, today: dt.date) -> tuple[int, float]:
    """Per pathway: load it and its events, evaluate, take its facts; then compute the
    year's 15 periods. Returns (pathways, seconds)."""
    ids = list(Pathway.objects.filter(trust_id=trust_id).order_by("pk")
               .values_list("pk", flat=True)[:sample])
    norms = local_norms_for(trust_id)
    started = time.perf_counter()
    members = []
    for pk in ids:
        pathway = Pathway.objects.get(pk=pk)
        events = effective_events(pathway.events.all())
        member, _evaluation = member_of(pk, pathway.unit_id, spec_of(pathway), events, today,
                                        local_norms=norms)
        members.append(member)
    keys = [month_key(dt.date(year, m, 1)) for m in range(1, 13)]
    keys += [tertial_key(dt.date(year, m, 1)) for m in (1, 5, 9)]
    for key in keys:
        compute(members, key)
    return len(ids), time.perf_counter() - started
