"""Who provides care: the specialist side (RHF → HF → unit) and the municipal side."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionalHealthAuthority(models.Model):
    """*Regionalt helseforetak* (RHF)."""

    name = models.CharField(_("navn"), max_length=200)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)

    class Meta:
        verbose_name = _("regionalt helseforetak")
        verbose_name_plural = _("regionale helseforetak")

    def __str__(self) -> str:
        return self.name


class HealthTrust(models.Model):
    """A treatment site at trust level: the legal unit that owns pathways and reports
    to NPR. Either a public *helseforetak* (HF) owned by its region, or a private
    institution with an agreement with the region (*privat institusjon med avtale med
    det regionale helseforetaket*) for the agreement's period (ADR 67)."""

    class Kind(models.TextChoices):
        HEALTH_TRUST = "health_trust", _("Helseforetak")
        PRIVATE = "private", _("Privat institusjon med avtale")

    region = models.ForeignKey(RegionalHealthAuthority, on_delete=models.PROTECT,
                               related_name="trusts", verbose_name=_("region"))
    name = models.CharField(_("navn"), max_length=200)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)
    kind = models.CharField(_("type virksomhet"), max_length=12, choices=Kind.choices,
                            default=Kind.HEALTH_TRUST)
    # A private institution's agreement with ``region`` (none for a health trust).
    agreement_from = models.DateField(_("avtale fra"), null=True, blank=True)
    agreement_to = models.DateField(_("avtale til"), null=True, blank=True)

    class Meta:
        verbose_name = _("helseforetak")
        verbose_name_plural = _("helseforetak")
        constraints = [
            models.CheckConstraint(
                name="trust_agreement_only_for_private",
                condition=(Q(kind="health_trust", agreement_from__isnull=True,
                             agreement_to__isnull=True)
                           | Q(kind="private", agreement_from__isnull=False)),
            ),
            models.CheckConstraint(
                name="trust_agreement_ends_after_start",
                condition=Q(agreement_to__isnull=True)
                | Q(agreement_to__gte=models.F("agreement_from")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_private(self) -> bool:
        return self.kind == self.Kind.PRIVATE

    def agreement_in_force(self, on: dt.date) -> bool:
        """A health trust always may receive; a private institution only within its
        agreement period (both ends included)."""
        if not self.is_private:
            return True
        return self.agreement_from <= on and (self.agreement_to is None
                                              or on <= self.agreement_to)


class OrgLevel(models.Model):
    """A level of the trust's own management line (clinic, department, section): the
    clinic directors, department heads and section leaders who follow their units.
    A level's ``parent`` is the level above it in the same trust (none for a clinic)."""

    class Kind(models.TextChoices):
        CLINIC = "clinic", _("Klinikk")
        DEPARTMENT = "department", _("Avdeling")
        SECTION = "section", _("Seksjon")

    trust = models.ForeignKey(HealthTrust, on_delete=models.PROTECT, related_name="org_levels",
                              verbose_name=_("helseforetak"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("overordnet nivå"))
    kind = models.CharField(_("nivå"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("ledernivå")
        verbose_name_plural = _("ledernivåer")

    def __str__(self) -> str:
        return self.name


def levels_below(levels, roots) -> set[int]:
    """The ids of ``roots`` and every level under them, from (id, parent_id) pairs."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in levels:
        children.setdefault(parent, []).append(pk)
    found, todo = set(), list(roots)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return found


class UnitQuerySet(models.QuerySet):
    def receiving_on(self, day: dt.date):
        """Units that may receive a pathway on ``day``: every health trust's, and a
        private institution's while its agreement is in force
        (``HealthTrust.agreement_in_force``, stated here as a filter)."""
        return self.filter(
            Q(trust__kind=HealthTrust.Kind.HEALTH_TRUST)
            | Q(trust__agreement_from__lte=day)
            & (Q(trust__agreement_to__isnull=True) | Q(trust__agreement_to__gte=day)))


class Unit(models.Model):
    """A clinic/department identified by its RESH id: pathways belong to a unit."""

    trust = models.ForeignKey(HealthTrust, on_delete=models.PROTECT, related_name="units",
                              verbose_name=_("helseforetak"))
    name = models.CharField(_("navn"), max_length=200)
    resh_id = models.CharField(_("RESH-id"), max_length=12, unique=True)
    # The lowest level of the management line the unit belongs to (none: only the trust).
    org_level = models.ForeignKey(OrgLevel, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="units", verbose_name=_("ledernivå"))

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """*Kommune*, with the coordinating unit that holds overall responsibility."""

    name = models.CharField(_("navn"), max_length=200)
    number = models.CharField(_("kommunenummer"), max_length=4, unique=True)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)
    coordinating_unit_name = models.CharField(_("koordinerende enhet"), max_length=200)
    coordinating_unit_email = models.EmailField(_("e-post til koordinerende enhet"), blank=True)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class GpOffice(models.Model):
    """*Fastlegekontor*: the GP keeps medical responsibility around the pathway."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT,
                                     related_name="gp_offices", verbose_name=_("kommune"))
    name = models.CharField(_("navn"), max_length=200)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)

    class Meta:
        verbose_name = _("fastlegekontor")
        verbose_name_plural = _("fastlegekontor")

    def __str__(self) -> str:
        return self.name
