"""A year's indicator figures for a trust: from the maintained summary, and the naive
way (every pathway of the trust re-evaluated from its events, then ``compute``)."""

from __future__ import annotations

import datetime as dt
import time

from django.db.models import Count

from forlop.bench.timing import p95, timed_ms
from forlop.indicators.selectors import year_figures
from forlop.kernel.indicators import compute, member_of, month_key, tertial_key
from forlop.pathways.kernel_bridge import effective_events, local_norms_for, spec_of
from forlop.pathways.models import Pathway


def measure(scale, today: dt.date) -> dict:
    """The busiest trust's figures for the last full year (12 months, 3 tertials)."""
    busiest = (Pathway.objects.values("trust_id").annotate(n=Count("pk"))
               .order_by("-n", "trust_id").first())
    trust_id, pathways = busiest["trust_id"], busiest["n"]
    year = today.year - 1
    samples = timed_ms(lambda: year_figures(trust_id=trust_id, year=year),
                       max(5, scale.samples // 4))
    done, seconds = naive_year(trust_id, year, sample=scale.naive_sample, today=today)
    return {
        "indicators_trust_pathways": pathways,
        "indicators_year_ms": p95(samples),
        # The raw recomputation per pathway is linear in the trust's pathways: the
        # sample's time per pathway, times all of them.
        "indicators_year_ms_naive": seconds * 1000 / max(done, 1) * pathways,
        "naive_indicators_sample": done,
    }


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
