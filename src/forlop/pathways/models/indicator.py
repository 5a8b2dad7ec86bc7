from django.db import models

from forlop.organisations.models import HealthTrust, Unit


class IndicatorFact(models.Model):
    """The maintained indicator summary: what one pathway contributes to one indicator
    (``forlop.kernel.indicators.Fact``), with the month and tertial it is placed in.

    Written by the projection (``services.projection.save_state``) in the same
    transaction as each registration, by the daily recompute and by the bulk loader;
    ``forlop indicators rebuild`` rewrites it from the events and ``check`` compares.
    A fact is in exactly one month and one tertial, so whether it is in the numerator
    at that period's end is stored for each: a period's figures are one GROUP BY.
    """

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.CASCADE,
                                related_name="indicator_facts", db_index=False)
    indicator = models.CharField(max_length=48)
    # Denormalised from the pathway so a trust's or a unit's year reads one index.
    trust = models.ForeignKey(HealthTrust, on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             db_index=False)
    type = models.CharField(max_length=24)
    placed_on = models.DateField()
    month = models.CharField(max_length=7)  # 2024-03
    tertial = models.CharField(max_length=7)  # 2024-T1
    met_month = models.BooleanField()  # in the numerator at the end of its month
    met_tertial = models.BooleanField()  # ... and of its tertial
    cause = models.CharField(max_length=8)  # service | patient (of a breach)
    days = models.IntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pathway", "indicator"],
                                               name="indicator_fact_once")]
        # Covering indexes: a trust's year (``year_figures``) and every unit's
        # period (``period_rows``, the leaders' page) are answered from the index
        # alone, on SQLite too (which has no INCLUDE), so the columns grouped on are
        # part of the key.
        indexes = [
            models.Index(fields=["trust", "placed_on", "indicator", "unit", "type", "month",
                                 "tertial", "met_month", "met_tertial", "cause"],
                         name="indicator_fact_trust"),
            models.Index(fields=["placed_on", "indicator", "unit", "type", "met_month",
                                 "met_tertial", "cause"], name="indicator_fact_period"),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.indicator} {self.placed_on}"
