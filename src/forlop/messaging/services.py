"""Sending and reading messages.

``send_message`` is called by the service that has a reason to send (feedback after an
assessment, a notice of need, a follow-up plan...). That service checks its actor's
permission first, as every write service does; ``send_message`` holds what is true of
every message: exactly one recipient, recorded in the caller's transaction, handed to
the transport only once that transaction commits (a rolled-back registration sends
nothing).
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from forlop.access.authorize import NotPermitted
from forlop.access.permissions import Permission
from forlop.messaging import selectors, transport
from forlop.messaging.models import RECIPIENT_FIELDS, Message, MessageState

log = logging.getLogger(__name__)


def send_message(sender, *, kind, subject, body, patient=None, pathway=None,
                 to_user=None, to_unit=None, to_municipality=None, to_gp_office=None,
                 sender_unit=None, sender_municipality=None, document: bytes | None = None,
                 document_name: str = "", document_type: str = "application/pdf") -> Message:
    recipients = {"to_user": to_user, "to_unit": to_unit, "to_municipality": to_municipality,
                  "to_gp_office": to_gp_office}
    named = [name for name in RECIPIENT_FIELDS if recipients[name] is not None]
    if len(named) != 1:
        raise ValueError(f"a message names exactly one recipient, not {named or 'none'}")
    if pathway is not None and patient is None:
        patient = pathway.patient
    if pathway is not None and pathway.patient_id != patient.pk:
        raise ValueError("the pathway is not the patient's")
    message = Message.objects.create(
        kind=kind, subject=subject[:200], body=body, sender=sender, sender_unit=sender_unit,
        sender_municipality=sender_municipality, patient=patient, pathway=pathway,
        document=document, document_name=document_name if document else "",
        document_type=document_type if document else "", **recipients)
    transaction.on_commit(lambda: deliver(message.pk))
    return message


def deliver(pk: int) -> bool:
    """Hand one recorded message to the transport; True when it was delivered now.
    Claimed with a conditional UPDATE so two runs never deliver it twice."""
    message = Message.objects.select_related(
        "sender", "sender_unit", "sender_municipality", "patient", "to_user", "to_unit",
        "to_municipality", "to_gp_office").filter(pk=pk, delivered_at__isnull=True).first()
    if message is None:
        return False
    try:
        ref = transport.configured().deliver(message)
    except Exception:
        log.exception("message %s not delivered; it stays sent and is retried", pk)
        return False
    now = timezone.now()
    return bool(Message.objects.filter(pk=pk, delivered_at__isnull=True).update(
        delivered_at=now, transport_ref=ref[:300],
        state=MessageState.DELIVERED))


def deliver_pending() -> tuple[int, int]:
    """Retry every message not yet delivered: (delivered, still pending)."""
    done = sum(deliver(pk) for pk in selectors.pending().values_list("pk", flat=True))
    return done, selectors.pending().count()


def mark_read(user, message) -> Message:
    """A recipient opened the message: it is read (the first time counts)."""
    if not selectors.is_recipient(user, message):
        raise NotPermitted(Permission.VIEW_WORKLIST, on=f"message {message.pk}")
    if message.read_at is None:
        now = timezone.now()
        Message.objects.filter(pk=message.pk, read_at__isnull=True).update(
            read_at=now, read_by=user, state=MessageState.READ)
        message.refresh_from_db(fields=["read_at", "read_by", "state"])
    return message
