"""Notices (*varsler*) about pathway clocks: what ``forlop remind`` found for whom."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Frist snart")
    OVERDUE = "overdue", _("Fristbrudd")
    ESCALATION = "escalation", _("Fristbrudd over tid (til leder)")


class Notice(models.Model):
    """One alert to one person about one clock of one pathway.

    The unique key (recipient, pathway, clock, due date, kind) is the "never the
    same alert twice" rule, held by the database: a second run, or two runs at
    once, cannot insert it again. ``mailed_at`` is set when a digest run claims the
    notice for its mail (a conditional UPDATE, so two runs never mail it both).
    """

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices", db_index=False)
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.CASCADE,
                                related_name="notices")
    clock = models.CharField(_("klokke"), max_length=48)
    due = models.DateField(_("frist"))
    kind = models.CharField(_("type varsel"), max_length=16, choices=NoticeKind.choices)
    created_on = models.DateField(_("varslet"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Claimed by one digest run (``claim``); null while no run has taken it.
    mailed_at = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "pathway", "clock", "due", "kind"],
                                    name="notice_once"),
        ]
        indexes = [
            # The notices page: one person's newest first.
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind} {self.pathway_id} {self.clock} {self.due}"
