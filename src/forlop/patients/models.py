"""The patient. Identifiers are stored as given; we never derive sex or age from them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.organisations.models import GpOffice, Municipality


class Patient(models.Model):
    identifier = models.CharField(_("fødselsnummer/D-nummer/FH-nummer"), max_length=11,
                                  unique=True)
    identifier_kind = models.CharField(_("type identifikator"), max_length=8)
    name = models.CharField(_("navn"), max_length=200)
    # From the population register (or the synthetic data that stands in for it);
    # never read out of the identifier.
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True,
                                     blank=True, related_name="patients",
                                     verbose_name=_("bostedskommune"))
    gp_office = models.ForeignKey(GpOffice, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="patients", verbose_name=_("fastlegekontor"))
    # The patient's own sign-in (ID-porten or a local account), if they have one.
    user = models.OneToOneField("accounts.User", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="patient_record",
                                verbose_name=_("brukerkonto"))
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("pasient")
        verbose_name_plural = _("pasienter")

    def __str__(self) -> str:
        return self.name


from forlop.patients.relatives import (  # noqa: E402 - the register, beside its patient
    FollowUpBy,
    MinorKind,
    Relation,
    Relative,
)

__all__ = ["FollowUpBy", "MinorKind", "Patient", "Relation", "Relative"]
