"""Scoped reads for the portal. Views call these, never a patient model's manager:
the patient reads their own pathways, a relative what is shared with them, and the
choices offered on the restriction page are drawn from the patient's own record."""

from __future__ import annotations

from django.db.models import Q

from forlop.access.models import CareTeamMember, Restriction
from forlop.access.selectors import log_of
from forlop.accounts.models import User
from forlop.accounts.roles import Role
from forlop.organisations.models import Unit
from forlop.pathways.models import Pathway
from forlop.plans.selectors import current_version

STAFF_ROLES = [r for r in Role.values if r not in (Role.PATIENT, Role.RELATIVE)]


def _for_display(queryset):
    return queryset.select_related("patient", "unit", "coordinator", "state")


def own_pathways(user):
    """The signed-in patient's own pathways, newest first."""
    return _for_display(Pathway.objects.own_pathways(user)).order_by("-started_on", "-pk")


def shared_pathways(user):
    """Pathways patients share with this relative by an active consent."""
    return _for_display(Pathway.objects.shared_pathways(user)).order_by(
        "patient__name", "-started_on", "-pk")


def barrable_units(patient):
    """Units of the health trusts where the patient has pathways, not already barred."""
    trusts = Pathway.objects.filter(patient=patient).values("trust_id")
    barred = Restriction.objects.active().filter(patient=patient, barred_unit__isnull=False)
    return (Unit.objects.filter(trust_id__in=trusts)
            .exclude(pk__in=barred.values("barred_unit_id"))
            .select_related("trust").order_by("trust__name", "name"))


def barrable_staff(patient):
    """Staff who have opened the patient's record or work on their pathways (never a
    list of all staff), not already barred, and never the patient themself."""
    pathways = Pathway.objects.filter(patient=patient)
    seen = log_of(patient).filter(user__isnull=False).values("user_id")
    team = CareTeamMember.objects.filter(pathway__in=pathways).values("user_id")
    barred = Restriction.objects.active().filter(patient=patient, barred_user__isnull=False)
    candidates = (Q(pk__in=seen) | Q(pk__in=team)
                  | Q(pk__in=pathways.filter(coordinator__isnull=False).values("coordinator_id")))
    return (User.objects.filter(candidates).filter(role_assignments__role__in=STAFF_ROLES)
            .exclude(pk__in=barred.values("barred_user_id"))
            .exclude(pk=patient.user_id or 0)
            .distinct().order_by("first_name", "last_name", "username"))


def clinicians_of(pathway):
    """The patient's clinicians on this pathway, by name: its care team and whoever
    wrote the current treatment plan with them, the coordinator left out (shown as
    such)."""
    team = [m.user for m in CareTeamMember.objects.filter(pathway=pathway)
            .select_related("user").order_by("added_at")]
    version = current_version(pathway)
    if version is not None:
        team.append(version.made_by)
    seen, out = {pathway.coordinator_id}, []
    for user in team:
        if user.pk not in seen:
            seen.add(user.pk)
            out.append(user)
    return out
