from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImmutableRowError(RuntimeError):
    """Raised when code tries to change or delete an append-only row."""


class EventQuerySet(models.QuerySet):
    def effective(self):
        """The rule of effective events (``kernel_bridge.effective_rows``) as SQL: rows
        no correction supersedes, and not retractions."""
        return self.filter(corrections__isnull=True, is_retraction=False)


class PathwayEvent(models.Model):
    """A registered measurement point. Append-only: a correction is a new row that
    supersedes an earlier one (``supersedes``), with or without a replacement value.

    The database refuses UPDATE and DELETE too (trigger in migration 0002).
    """

    # No index of its own: ``event_pathway_on`` (pathway, on) serves every lookup by
    # pathway. The same for the two below: their only readers are the rare PROTECT
    # checks (deleting a user, an event). Each index costs seconds per million rows
    # in a bulk load and at every write (docs/performance.md).
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="events", db_index=False)
    event = models.CharField(_("hendelse"), max_length=32)
    on = models.DateField(_("dato"))
    outcome = models.CharField(_("utfall"), max_length=40, blank=True)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)
    # At most one correction per row: a partial unique index (below) holds only the
    # corrections, where a OneToOneField's would hold a NULL for every other event.
    supersedes = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="corrections", db_index=False)
    is_retraction = models.BooleanField(_("trekker tilbake"), default=False)
    reason = models.CharField(_("begrunnelse"), max_length=300, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+", db_index=False)
    registered_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("forløpshendelse")
        verbose_name_plural = _("forløpshendelser")
        indexes = [models.Index(fields=["pathway", "on"], name="event_pathway_on")]
        constraints = [
            models.UniqueConstraint(fields=["supersedes"], name="event_supersedes_once",
                                    condition=Q(supersedes__isnull=False)),
            # A retraction or correction always says which row it replaces and why.
            models.CheckConstraint(
                name="event_correction_has_reason",
                condition=Q(supersedes__isnull=True) | ~Q(reason=""),
            ),
            models.CheckConstraint(
                name="event_retraction_supersedes",
                condition=Q(is_retraction=False) | Q(supersedes__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.on}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError("Pathway events are append-only; register a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError("Pathway events are append-only; register a retraction.")

