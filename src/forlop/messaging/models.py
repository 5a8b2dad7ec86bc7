"""Messages between the levels of care (feedback, consultations, invitations, notices,
follow-up plans, closure), each recorded with its state: sent, delivered, read.

A message names exactly one recipient: a person, a specialist unit, a municipality
(its coordinating unit) or a GP office. Whoever holds an active role at that place
reads it (``selectors.inbox``). The transport that carries it is pluggable
(``transport``; docs/messaging.md, ADR 70).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    FEEDBACK_ASSESSMENT = "feedback_assessment", _("Tilbakemelding etter vurdering av henvisning")
    FEEDBACK_DECISION = "feedback_decision", _("Tilbakemelding etter klinisk beslutning")
    CONSULTATION = "consultation", _("Drøfting før henvisning")
    INVITATION = "invitation", _("Invitasjon til møte")
    NOTICE = "notice", _("Melding om behov for individuell plan eller koordinator")
    EARLY_FLAG = "early_flag", _("Bekymring: kan trenge pakkeforløp")
    FOLLOW_UP_PLAN = "follow_up_plan", _("Oppfølgingsplan ved avslutning")
    CLOSURE = "closure", _("Forløpet er avsluttet")
    OTHER = "other", _("Melding")


class MessageState(models.TextChoices):
    SENT = "sent", _("Sendt")
    DELIVERED = "delivered", _("Levert")
    READ = "read", _("Lest")


RECIPIENT_FIELDS = ("to_user", "to_unit", "to_municipality", "to_gp_office")


class Message(models.Model):
    kind = models.CharField(_("type melding"), max_length=24, choices=MessageKind.choices)
    state = models.CharField(_("status"), max_length=12, choices=MessageState.choices,
                             default=MessageState.SENT)
    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("avsender"))
    sender_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True,
                                    blank=True, related_name="+")
    sender_municipality = models.ForeignKey("organisations.Municipality",
                                            on_delete=models.PROTECT, null=True, blank=True,
                                            related_name="+")
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="messages")
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="messages")

    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    to_unit = models.ForeignKey("organisations.Unit", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    to_municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="+")
    to_gp_office = models.ForeignKey("organisations.GpOffice", on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    document = models.BinaryField(null=True, blank=True)
    document_name = models.CharField(max_length=120, blank=True)
    document_type = models.CharField(max_length=60, blank=True)

    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("levert"), null=True, blank=True)
    read_at = models.DateTimeField(_("lest"), null=True, blank=True)
    read_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")
    transport_ref = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldinger")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            # Exactly one recipient, held by the database as well as by the service.
            models.CheckConstraint(
                name="message_one_recipient",
                condition=(
                    Q(to_user__isnull=False, to_unit__isnull=True, to_municipality__isnull=True,
                      to_gp_office__isnull=True)
                    | Q(to_user__isnull=True, to_unit__isnull=False,
                        to_municipality__isnull=True, to_gp_office__isnull=True)
                    | Q(to_user__isnull=True, to_unit__isnull=True,
                        to_municipality__isnull=False, to_gp_office__isnull=True)
                    | Q(to_user__isnull=True, to_unit__isnull=True,
                        to_municipality__isnull=True, to_gp_office__isnull=False))),
        ]
        indexes = [
            models.Index(fields=["to_gp_office", "-sent_at"], name="message_gp_office_recent"),
            models.Index(fields=["to_municipality", "-sent_at"], name="message_muni_recent"),
            models.Index(fields=["to_unit", "-sent_at"], name="message_unit_recent"),
            models.Index(fields=["to_user", "-sent_at"], name="message_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}: {self.subject}"
