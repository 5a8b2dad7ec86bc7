"""People who sign in, and the roles they hold for a unit or municipality over a period."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.accounts.roles import Role
from forlop.organisations.models import GpOffice, Municipality, OrgLevel, Unit


def person_name(first_name: str, last_name: str, username: str) -> str:
    """How a user is named: the full name, else the username (``User.__str__``; reads
    that fetch only these columns name a user the same way)."""
    return f"{first_name} {last_name}".strip() or username


class User(AbstractUser):
    hpr_number = models.CharField(_("HPR-nummer"), max_length=9, blank=True)
    # "Logg ut overalt": sessions begun before this moment are no longer valid.
    sessions_valid_after = models.DateTimeField(_("økter gyldige etter"), null=True,
                                                blank=True, editable=False)

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")

    def __str__(self) -> str:
        return person_name(self.first_name, self.last_name, self.username)


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self, on=None):
        today = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today),
                           valid_from__lte=today)


class RoleAssignment(models.Model):
    """A role held in one place (a unit, a municipality or a GP office) for a period."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("rolle"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="role_assignments", verbose_name=_("enhet"))
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="role_assignments",
                                     verbose_name=_("kommune"))
    gp_office = models.ForeignKey(GpOffice, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="role_assignments",
                                  verbose_name=_("fastlegekontor"))
    # A role held at a level of the trust's management line (a clinic director, a
    # department head): it reaches the units below as ``access.permissions.LEVEL_REACH``
    # says, and nothing else (the unit bases of access stay per unit).
    org_level = models.ForeignKey(OrgLevel, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="role_assignments",
                                  verbose_name=_("ledernivå"))
    valid_from = models.DateField(_("gyldig fra"))
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("rolletildeling")
        verbose_name_plural = _("rolletildelinger")
        constraints = [
            models.CheckConstraint(
                name="role_assignment_at_most_one_place",
                condition=(
                    Q(unit__isnull=True, municipality__isnull=True)
                    | Q(unit__isnull=True, gp_office__isnull=True)
                    | Q(municipality__isnull=True, gp_office__isnull=True)
                ),
            ),
            # A level role is held at the level only, never also at a place.
            models.CheckConstraint(
                name="role_assignment_level_alone",
                condition=Q(org_level__isnull=True)
                | Q(unit__isnull=True, municipality__isnull=True, gp_office__isnull=True),
            ),
            models.CheckConstraint(
                name="role_assignment_period_ordered",
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
