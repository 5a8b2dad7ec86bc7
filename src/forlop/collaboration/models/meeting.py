"""Collaboration meetings (*samarbeidsmøter*): planned with an agenda, attended by
participants the patient consented to, minuted, with agreed actions. A meeting held
is an indirect contact; the kernel has no event for it, so it is recorded here
(ADR 37)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("fysisk møte")
    VIDEO = "video", _("videomøte")


class Meeting(models.Model):
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT,
                                related_name="meetings")
    starts_at = models.DateTimeField(_("tidspunkt"))
    mode = models.CharField(_("møteform"), max_length=12, choices=MeetingMode.choices)
    place = models.CharField(_("sted eller videolenke"), max_length=200)
    agenda = models.TextField(_("saksliste"))
    # The evaluation the meeting prepares (its due date when planned), if any.
    evaluation_due = models.DateField(_("evaluering som forberedes"), null=True, blank=True)
    is_final = models.BooleanField(_("avsluttende samarbeidsmøte"), default=False)
    minutes = models.TextField(_("referat"), blank=True)
    held_on = models.DateField(_("holdt"), null=True, blank=True)
    # Reported as an indirect contact (no pathway code): see ADR 37.
    indirect_contact = models.BooleanField(default=True, editable=False)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    planned_at = models.DateTimeField(auto_now_add=True)
    minuted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            # Minutes and the day held come together, and with who wrote them.
            models.CheckConstraint(
                name="meeting_minutes_paired",
                condition=(Q(held_on__isnull=True, minuted_by__isnull=True, minutes="")
                           | (Q(held_on__isnull=False, minuted_by__isnull=False)
                              & ~Q(minutes="")))),
        ]

    def __str__(self) -> str:
        return f"{self.pathway_id}: {self.starts_at:%Y-%m-%d %H:%M}"


class MeetingParticipant(models.Model):
    """One invited participant outside the service: a person with a consent, or the
    patient's municipality with one. The consent is kept as the basis of the invite."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="participants")
    consent = models.ForeignKey("access.Consent", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="meetings_invited")
    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(name="participant_one_kind",
                                   condition=Q(user__isnull=True) ^ Q(municipality__isnull=True)),
        ]

    def __str__(self) -> str:
        return str(self.user or self.municipality)


class MeetingAction(models.Model):
    """An agreed action with its owner and date: shown on the owner's worklist until
    it is marked done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    what = models.CharField(_("tiltak"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="meeting_actions", verbose_name=_("ansvarlig"))
    due = models.DateField(_("frist"))
    done_on = models.DateField(_("utført"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "due"], name="action_owner_open",
                                condition=Q(done_on__isnull=True))]

    def __str__(self) -> str:
        return self.what
