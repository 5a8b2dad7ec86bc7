"""The municipal side of the pathway (docs/municipality.md): notices of need to the
coordinating unit (*koordinerende enhet*), the municipal coordinator it appoints, and
the early flag municipal staff send to a person's GP.

A person here is a ``Patient`` row (the register of people), pathway or not. What a
municipal page shows of a pathway is decided by ``forlop.access`` alone.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    INDIVIDUAL_PLAN = "individual_plan", _("individuell plan")
    COORDINATOR = "coordinator", _("koordinator")
    BOTH = "both", _("individuell plan og koordinator")


class Source(models.TextChoices):
    """Who sent the notice (the issue names four)."""

    MUNICIPAL_STAFF = "municipal_staff", _("ansatt i kommunen")
    PATIENT = "patient", _("pasienten selv")
    RELATIVE = "relative", _("pårørende")
    SPECIALIST = "specialist", _("spesialisthelsetjenesten")


class NoticeState(models.TextChoices):
    RECEIVED = "received", _("mottatt")
    HANDLED = "handled", _("behandlet")


class NeedNotice(models.Model):
    """A notice of need for an individual plan or a coordinator, to the coordinating
    unit of the person's municipality. It is also sent as a message (kind NOTICE)."""

    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     related_name="need_notices", verbose_name=_("kommune"))
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="need_notices", verbose_name=_("person"))
    # The pathway the notice was sent from (Min side, the relative's page, the
    # pathway page); none when municipal staff send it.
    pathway = models.ForeignKey("pathways.Pathway", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="need_notices")
    need = models.CharField(_("behov"), max_length=16, choices=Need.choices)
    description = models.TextField(_("beskrivelse av behovet"))
    source = models.CharField(_("meldt av"), max_length=16, choices=Source.choices)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    # The name as the sender wrote it (municipal staff): pages show this, never the
    # register's (which may carry what the specialist service knows).
    person_name = models.CharField(_("navn"), max_length=200)
    state = models.CharField(_("status"), max_length=8, choices=NoticeState.choices,
                             default=NoticeState.RECEIVED)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_note = models.CharField(_("merknad"), max_length=300, blank=True)
    # The message the notice was sent as (``forlop.messaging``: its state and transport).
    message = models.ForeignKey("messaging.Message", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")

    class Meta:
        verbose_name = _("melding om behov")
        verbose_name_plural = _("meldinger om behov")
        indexes = [models.Index(fields=["municipality", "state"], name="notice_waiting")]
        constraints = [
            models.CheckConstraint(
                name="notice_handled_paired",
                condition=Q(state="received", handled_at__isnull=True)
                | Q(state="handled", handled_at__isnull=False, handled_by__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.get_need_display()}"


class AppointmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)


class CoordinatorAppointment(models.Model):
    """The coordinating unit appoints a municipal coordinator for a person, from the
    service most involved, with how to reach them (shown beside the specialist
    coordinator on the pathway page, Min side and the relative's page)."""

    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     related_name="coordinator_appointments",
                                     verbose_name=_("kommune"))
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="municipal_coordinators",
                                verbose_name=_("person"))
    person_name = models.CharField(_("navn"), max_length=200)
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="municipal_appointments",
                                    verbose_name=_("kommunal koordinator"))
    service = models.CharField(_("tjenesten som er mest involvert"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    notice = models.ForeignKey(NeedNotice, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="appointments")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(_("avsluttet"), null=True, blank=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("oppnevning av kommunal koordinator")
        verbose_name_plural = _("oppnevninger av kommunal koordinator")
        constraints = [
            # One coordinator at a time for a person (a new appointment ends the last).
            models.UniqueConstraint(fields=["patient"], condition=Q(ended_on__isnull=True),
                                    name="one_municipal_coordinator_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.coordinator} – {self.person_name}"


class EarlyFlag(models.Model):
    """Municipal staff ask the person's GP to assess a referral (*tidlig varsel*). Sent
    as a message (kind EARLY_FLAG) to the GP office; the flagger learns nothing back."""

    municipality = models.ForeignKey("organisations.Municipality", on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("kommune"))
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("person"))
    person_name = models.CharField(_("navn"), max_length=200)
    gp_office = models.ForeignKey("organisations.GpOffice", on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("fastlegekontor"))
    concern = models.TextField(_("hva du har sett"))
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    flagged_at = models.DateTimeField(auto_now_add=True)
    message = models.ForeignKey("messaging.Message", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+")

    class Meta:
        verbose_name = _("tidlig varsel til fastlegen")
        verbose_name_plural = _("tidlige varsler til fastlegen")

    def __str__(self) -> str:
        return self.person_name
