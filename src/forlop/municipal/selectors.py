"""Reads of the municipal side. Which pathways a municipal user sees, and how much of
each, is ``forlop.access`` alone (``Pathway.objects.visible_to``, ``access_to`` and the
consent's scope): nothing here restates it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from forlop.access.authorize import municipalities_with
from forlop.access.permissions import Permission
from forlop.access.policy import access_to
from forlop.accounts.models import RoleAssignment, User
from forlop.accounts.roles import Role
from forlop.municipal.models import CoordinatorAppointment, NeedNotice, NoticeState
from forlop.organisations.models import Municipality
from forlop.pathways.models import Pathway


@dataclass(frozen=True)
class CoordinatorContact:
    """The municipal coordinator of a person, and how to reach them."""

    name: str
    service: str
    phone: str
    email: str
    municipality: str


def municipal_coordinator_for(patient) -> CoordinatorContact | None:
    """The person's current municipal coordinator (the one place every page asks);
    ``patient``: a patient or its id."""
    if not patient:
        return None
    found = (CoordinatorAppointment.objects.current().filter(patient=patient)
             .select_related("coordinator", "municipality").first())
    if found is None:
        return None
    who = found.coordinator
    return CoordinatorContact(name=who.get_full_name() or who.username, service=found.service,
                              phone=found.phone, email=found.email,
                              municipality=found.municipality.name)


# --- the coordinating unit -------------------------------------------------------


def managed_municipalities(user):
    """The municipalities whose coordinating unit the user leads."""
    return Municipality.objects.filter(
        pk__in=municipalities_with(user, Permission.MANAGE_COORDINATION)).order_by("name")


def staff_municipalities(user, permission: Permission):
    return Municipality.objects.filter(pk__in=municipalities_with(user, permission)).order_by(
        "name")


def notices_waiting(municipality_ids, patient_ids=None):
    found = NeedNotice.objects.filter(municipality_id__in=municipality_ids,
                                      state=NoticeState.RECEIVED)
    if patient_ids is not None:
        found = found.filter(patient_id__in=patient_ids)
    return found.select_related("municipality", "sent_by").order_by("sent_at", "pk")


def recent_handled(municipality_ids, limit: int = 10):
    return list(NeedNotice.objects.filter(municipality_id__in=municipality_ids,
                                          state=NoticeState.HANDLED)
                .select_related("handled_by").order_by("-handled_at", "-pk")[:limit])


def notice_for(user, notice_id: int) -> NeedNotice | None:
    """The notice, if it was sent to a coordinating unit the user leads."""
    return (NeedNotice.objects.filter(
        pk=notice_id, municipality_id__in=municipalities_with(
            user, Permission.MANAGE_COORDINATION))
        .select_related("municipality", "sent_by", "handled_by", "message").first())


def coordinators_in(municipality):
    """Users holding the municipal coordinator's role there now (who may be appointed)."""
    return coordinators_in_any([municipality])


def coordinators_in_any(municipalities):
    holders = RoleAssignment.objects.active().filter(
        role=Role.MUNICIPAL_COORDINATOR, municipality__in=municipalities).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).order_by("first_name",
                                                                         "last_name", "pk")


def notices_sent_by(user, pathway):
    """The user's own notices from this pathway, newest first (the form shows them)."""
    return list(NeedNotice.objects.filter(sent_by=user, pathway=pathway)
                .order_by("-sent_at", "-pk")[:10])


def appointments_in(municipality_ids):
    return (CoordinatorAppointment.objects.current()
            .filter(municipality_id__in=municipality_ids)
            .select_related("coordinator", "municipality")
            .order_by("coordinator__first_name", "coordinator__last_name", "person_name"))


def appointments_of(coordinator):
    return (CoordinatorAppointment.objects.current().filter(coordinator=coordinator)
            .select_related("municipality").order_by("person_name", "pk"))


# --- pathways, as access allows --------------------------------------------------


def pathways_seen(user, patient_ids, *, include_closed: bool):
    """(pathway, access) of the given people's pathways the user may see: listed by
    ``visible_to``, each decided by ``access_to`` (its basis for the log and its
    consent scope for what the page shows)."""
    found = (Pathway.objects.visible_to(user).filter(patient_id__in=list(patient_ids))
             .select_related("patient", "unit", "state").order_by("-is_open", "-started_on",
                                                                   "pk"))
    if not include_closed:
        found = found.filter(is_open=True)
    out = []
    for pathway in found:
        access = access_to(user, pathway, break_glass=False)
        if access.can(Permission.VIEW_PATHWAY):
            out.append((pathway, access))
    return out


def invited_meetings(user, pathway_ids, municipality_ids, *, since):
    """Meetings not yet held that the user is invited to: in person, or as their
    municipality on the pathway of one of their people (``pathway_ids``). The caller
    still asks ``access_to`` for each meeting's pathway."""
    from forlop.collaboration.models import Meeting

    return (Meeting.objects.filter(held_on__isnull=True, starts_at__gte=since)
            .filter(Q(participants__user=user)
                    | Q(participants__municipality_id__in=municipality_ids,
                        pathway_id__in=list(pathway_ids)))
            .distinct().select_related("pathway", "pathway__patient")
            .order_by("starts_at", "pk"))
