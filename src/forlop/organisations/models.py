"""Who provides care: the specialist side (RHF → HF → unit) and the municipal side."""

from django.db import models
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
    """*Helseforetak* (HF): the legal unit that owns pathways and reports to NPR."""

    region = models.ForeignKey(RegionalHealthAuthority, on_delete=models.PROTECT,
                               related_name="trusts", verbose_name=_("region"))
    name = models.CharField(_("navn"), max_length=200)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, unique=True)

    class Meta:
        verbose_name = _("helseforetak")
        verbose_name_plural = _("helseforetak")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A clinic/department identified by its RESH id: pathways belong to a unit."""

    trust = models.ForeignKey(HealthTrust, on_delete=models.PROTECT, related_name="units",
                              verbose_name=_("helseforetak"))
    name = models.CharField(_("navn"), max_length=200)
    resh_id = models.CharField(_("RESH-id"), max_length=12, unique=True)

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
