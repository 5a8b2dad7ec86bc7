"""Reading messages: who a message is for, and a person's inbox."""

from __future__ import annotations

from django.db.models import Q

from forlop.access.bases import active_roles, barred_patients
from forlop.messaging.models import Message


def _to_me(user) -> Q:
    """A message to the user, or to a place where they hold an active role."""
    roles = active_roles(user)
    return (Q(to_user=user)
            | Q(to_unit_id__in=roles.filter(unit__isnull=False).values("unit_id"))
            | Q(to_municipality_id__in=roles.filter(municipality__isnull=False)
                .values("municipality_id"))
            | Q(to_gp_office_id__in=roles.filter(gp_office__isnull=False)
                .values("gp_office_id")))


def _not_barred(user) -> Q:
    # A restriction (*sperring*) against the user or their unit hides that patient's
    # messages too: the message is about the patient.
    return ~Q(patient_id__in=barred_patients(user).values("patient_id"))


def inbox(user):
    """Messages to the user or their places, newest first (a restriction hides them)."""
    if not user.is_authenticated:
        return Message.objects.none()
    return (Message.objects.filter(_to_me(user)).filter(_not_barred(user))
            .select_related("sender", "sender_unit", "sender_municipality", "patient",
                            "to_user", "to_unit", "to_municipality", "to_gp_office")
            .defer("document"))


def sent_by(user):
    return (Message.objects.filter(sender=user)
            .select_related("patient", "to_user", "to_unit", "to_municipality", "to_gp_office")
            .defer("document"))


def is_recipient(user, message) -> bool:
    return (user.is_authenticated
            and Message.objects.filter(pk=message.pk).filter(_to_me(user))
            .filter(_not_barred(user)).exists())


def messages_about(pathway):
    return Message.objects.filter(pathway=pathway).defer("document")


def pending():
    """Recorded, not yet delivered (the transport failed or has not run)."""
    return Message.objects.filter(delivered_at__isnull=True).order_by("pk")
