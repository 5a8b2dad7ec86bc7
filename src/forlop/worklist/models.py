"""What the worklist keeps: saved views of it, and who coordinated a pathway when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import Unit
from forlop.pathways.models.event import ImmutableRowError


class SavedView(models.Model):
    """A named filter of the worklist, the owner's own (``unit`` empty) or shared with
    a unit's staff. ``params`` holds the filter as the form validated it (parameter
    name to value, defaults left out), never SQL and never an unchecked string: it is
    validated again whenever it is opened."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="saved_views", verbose_name=_("eier"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="saved_views", verbose_name=_("delt med enheten"))
    name = models.CharField(_("navn"), max_length=80)
    params = models.JSONField(_("filter"), default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lagret visning")
        verbose_name_plural = _("lagrede visninger")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], condition=Q(unit__isnull=True),
                                    name="saved_view_personal_name_unique"),
            models.UniqueConstraint(fields=["unit", "name"], condition=Q(unit__isnull=False),
                                    name="saved_view_team_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CoordinatorChange(models.Model):
    """Append-only history of a pathway's coordinator: from whom, to whom, by whom,
    when and why (``worklist.services.reassign_coordinator`` writes it)."""

    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="coordinator_changes")
    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("fra"))
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("til"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("endret av"))
    changed_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    reason = models.CharField(_("begrunnelse"), max_length=500)

    class Meta:
        verbose_name = _("bytte av forløpskoordinator")
        verbose_name_plural = _("bytter av forløpskoordinator")

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.from_user_id} -> {self.to_user_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableRowError("Coordinator changes are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRowError("Coordinator changes are append-only.")
