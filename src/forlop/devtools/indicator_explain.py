"""``python -m forlop.devtools.indicator_explain``: EXPLAIN (ANALYZE, BUFFERS) of the
indicator reads on a loaded PostgreSQL database (docs/performance.md, "Indicators at
national scale"): the busiest trust's year and the country's tertial, each from the
counts (ADR 62) and from the facts. Needs ``DATABASE_URL``; prints the plans."""

from __future__ import annotations

import argparse
import datetime as dt
import os


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--tertial", default="2025-T1")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count, Sum

    from forlop.indicators.models import IndicatorCount
    from forlop.kernel.indicators import parse_period
    from forlop.pathways.models import IndicatorFact, Pathway

    trust = (Pathway.objects.values("trust_id").annotate(n=Count("pk"))
             .order_by("-n", "trust_id").first())["trust_id"]
    year, tertial = args.year, parse_period(args.tertial)
    year_columns = ("indicator", "unit_id", "month", "tertial", "met_month", "met_tertial",
                    "cause")
    period_columns = ("indicator", "unit_id", "type", "met_tertial", "cause")
    queries = {
        "year, counts": IndicatorCount.objects.filter(
            trust_id=trust, month__gte=f"{year}-01", month__lte=f"{year}-12")
        .values_list(*year_columns).annotate(total=Sum("n")).order_by(),
        "year, facts": IndicatorFact.objects.filter(
            trust_id=trust, placed_on__gte=dt.date(year, 1, 1),
            placed_on__lte=dt.date(year, 12, 31))
        .values_list(*year_columns).annotate(total=Count("pk")).order_by(),
        "country's tertial, counts": IndicatorCount.objects.filter(tertial=tertial.key)
        .values_list(*period_columns).annotate(total=Sum("n")).order_by(),
        "country's tertial, facts": IndicatorFact.objects.filter(
            placed_on__gte=tertial.start, placed_on__lte=tertial.end)
        .values_list(*period_columns).annotate(total=Count("pk")).order_by(),
    }
    for name, queryset in queries.items():
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)  # warm the cache: the pages run warm
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print(f"### {name} (trust {trust})")
            print("\n".join(line for (line,) in cursor.fetchall()), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
