from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import Unit
from forlop.pathways.models.event import ImmutableRowError


class PathwayUnitChange(models.Model):
    """A move of a pathway between units of one trust (the pathway continues).

    Append-only like the events: a wrong move is undone by a move back, with its
    reason. The database refuses UPDATE and DELETE too (trigger in the migration).
    ``Pathway.unit`` and ``PathwayState.unit`` hold the unit now.
    """

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="unit_changes")
    # Not indexed: only the PROTECT checks of a unit's or user's deletion read them.
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                  db_index=False, verbose_name=_("fra enhet"))
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                db_index=False, verbose_name=_("til enhet"))
    on = models.DateField(_("dato"))
    reason = models.CharField(_("begrunnelse"), max_length=300)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", db_index=False)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("flytting mellom enheter")
        verbose_name_plural = _("flyttinger mellom enheter")
        constraints = [
            models.CheckConstraint(name="unit_change_moves", condition=~Q(from_unit=F("to_unit"))),
            models.CheckConstraint(name="unit_change_has_reason", condition=~Q(reason="")),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.from_unit_id} -> {self.to_unit_id} {self.on}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError("Unit changes are append-only; move the pathway back.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError("Unit changes are append-only; move the pathway back.")
