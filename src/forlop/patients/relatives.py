"""The patient's register of relatives (*pårørende*), children as relatives and minor
siblings (*barn som pårørende*) among them.

It lives with the patient, below access, because the consent form asks it: a relative
is chosen only from this patient's own register (ADR 35). Their needs are recorded in
the patient's record, not in a record of their own (helsepersonelloven § 10 a).
Entries are never deleted: one that no longer applies is ended (``ended_on``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    PARTNER = "partner", _("ektefelle/samboer/partner")
    PARENT = "parent", _("forelder")
    CHILD = "child", _("barn")
    SIBLING = "sibling", _("søsken")
    OTHER = "other", _("annen pårørende")


class MinorKind(models.TextChoices):
    NO = "", _("ikke mindreårig barn eller søsken")
    CHILD = "child", _("mindreårig barn")
    SIBLING = "sibling", _("mindreårig søsken")


class FollowUpBy(models.TextChoices):
    """Who gives a child the information and follow-up they need."""

    NONE = "", _("ikke avklart")
    HEALTH_VISITOR = "health_visitor", _("helsestasjon/helsesykepleier")
    SCHOOL = "school", _("skole")
    KINDERGARTEN = "kindergarten", _("barnehage")
    CHILD_RESPONSIBLE = "child_responsible", _(
        "barneansvarlig personell i spesialisthelsetjenesten")
    OTHER = "other", _("annen")


class RelativeQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_on__isnull=True)

    def minors(self):
        return self.exclude(minor="")

    def users(self):
        """The sign-in accounts of the current entries that have one."""
        users = self.model._meta.get_field("user").related_model
        return users.objects.filter(
            pk__in=self.current().filter(user__isnull=False).values("user_id"), is_active=True)


class Relative(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT,
                                related_name="relatives", verbose_name=_("pasient"))
    name = models.CharField(_("navn"), max_length=200)
    relation = models.CharField(_("relasjon"), max_length=16, choices=Relation.choices)
    contact = models.CharField(_("kontaktinformasjon"), max_length=200, blank=True)
    minor = models.CharField(_("mindreårig"), max_length=8, choices=MinorKind.choices,
                             blank=True, default="")
    # A year, not a date: enough to know the child's age group, no more than needed.
    birth_year = models.PositiveSmallIntegerField(_("fødselsår"), null=True, blank=True)
    information_needs = models.TextField(_("behov for informasjon og oppfølging"), blank=True)
    follow_up_by = models.CharField(_("hvem gir oppfølgingen"), max_length=20,
                                    choices=FollowUpBy.choices, blank=True, default="")
    support_needs = models.TextField(_("pårørendes eget behov for støtte"), blank=True)
    # The relative's own sign-in, when they have one: only then can consent name them.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="relative_of",
                             verbose_name=_("brukerkonto"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    ended_on = models.DateField(_("gjelder ikke lenger fra"), null=True, blank=True)

    objects = RelativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pårørende")
        verbose_name_plural = _("pårørende")
        constraints = [
            # A minor child or sibling has a birth year (their age decides what they need).
            models.CheckConstraint(name="relative_minor_has_birth_year",
                                   condition=Q(minor="") | Q(birth_year__isnull=False)),
            models.UniqueConstraint(fields=["patient", "user"], name="relative_user_once",
                                    condition=Q(user__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"
