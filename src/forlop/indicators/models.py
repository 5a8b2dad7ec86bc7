"""Counts over the indicator facts, kept by the database itself (ADR 62).

``pathways.IndicatorFact`` holds one row per pathway and indicator; a period's
figures grouped from it read every fact of the period (a trust's year at national
scale: ~100,000 rows; the country's tertial: ~400,000). These two tables hold the
same figures already grouped, one row per combination the pages group by, with
``n`` facts. Triggers on the facts table (installed by this app's migration 0001,
for PostgreSQL and SQLite) add and subtract in the same statement as every write of
a fact, whoever writes it (registration, correction, move, recompute, rebuild, bulk
loaders, the FHIR import), so no code path can forget them.
``forlop indicators check`` compares them with the facts.
"""

from __future__ import annotations

from django.db import models

COUNT_KEY = ("trust_id", "month", "indicator", "unit_id", "type", "tertial", "met_month",
             "met_tertial", "cause")
DAYS_KEY = ("unit_id", "month", "indicator", "tertial", "days")


class IndicatorCount(models.Model):
    """How many facts share these values (``IndicatorFact`` grouped by them)."""

    trust_id = models.BigIntegerField()
    month = models.CharField(max_length=7)  # 2024-03
    indicator = models.CharField(max_length=48)
    unit_id = models.BigIntegerField()
    type = models.CharField(max_length=24)
    tertial = models.CharField(max_length=7)  # 2024-T1
    met_month = models.BooleanField()
    met_tertial = models.BooleanField()
    cause = models.CharField(max_length=8)
    n = models.IntegerField()

    class Meta:
        # The key: the triggers' upserts (ON CONFLICT) need it on both databases, so
        # it carries no INCLUDE (Django leaves a unique constraint with INCLUDE out
        # on SQLite). The indexes are covering on PostgreSQL (INCLUDE; SQLite has
        # none and indexes the leading columns alone): a trust's year (trust, then
        # months) and the country's month or tertial (the dashboard's national
        # view) are index-only scans.
        constraints = [models.UniqueConstraint(fields=list(COUNT_KEY),
                                               name="indicator_count_key")]
        indexes = [
            models.Index(fields=["trust_id", "month"], name="indicator_count_year",
                         include=["indicator", "unit_id", "type", "tertial", "met_month",
                                  "met_tertial", "cause", "n"]),
            models.Index(fields=["month"], name="indicator_count_month",
                         include=["indicator", "unit_id", "type", "met_month", "cause", "n"]),
            models.Index(fields=["tertial"], name="indicator_count_tertial",
                         include=["indicator", "unit_id", "type", "met_tertial", "cause",
                                  "n"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit_id} {self.month}: {self.n}"


class IndicatorDays(models.Model):
    """How many facts of a unit's month took this many days (the days histogram)."""

    unit_id = models.BigIntegerField()
    month = models.CharField(max_length=7)
    indicator = models.CharField(max_length=48)
    tertial = models.CharField(max_length=7)
    days = models.IntegerField()
    n = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=list(DAYS_KEY),
                                               name="indicator_days_key")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit_id} {self.month} {self.days}: {self.n}"
