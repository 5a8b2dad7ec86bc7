"""Messages as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from forlop.messaging.models import MessageState
from forlop.site.dates import norwegian_date

_STATE_COLOR = {MessageState.SENT: "warning", MessageState.DELIVERED: "info",
                MessageState.READ: "success"}


def _place(message, prefix: str) -> str:
    for field in ("user", "unit", "municipality", "gp_office"):
        obj = getattr(message, f"{prefix}_{field}", None) if prefix == "to" else None
        if obj is not None:
            return obj.get_full_name() if field == "user" else str(obj)
    return ""


def sender_text(message) -> str:
    who = message.sender.get_full_name() or message.sender.username
    place = message.sender_unit or message.sender_municipality
    return f"{who}, {place}" if place else who


@dataclass(frozen=True)
class MessageLine:
    pk: int
    kind: str
    subject: str
    sender: str
    recipient: str
    patient_name: str
    state: str
    state_color: str
    sent: str
    unread: bool

    @classmethod
    def of(cls, message) -> MessageLine:
        return cls(
            pk=message.pk, kind=message.get_kind_display(), subject=message.subject,
            sender=sender_text(message), recipient=_place(message, "to"),
            patient_name=message.patient.name if message.patient_id else "",
            state=message.get_state_display(),
            state_color=_STATE_COLOR.get(message.state, "neutral"),
            sent=norwegian_date(timezone.localdate(message.sent_at)),
            unread=message.read_at is None)


def timeline(message) -> list[tuple[str, str]]:
    """(state, date) for each state the message has reached."""
    out = [(str(MessageState.SENT.label), norwegian_date(timezone.localdate(message.sent_at)))]
    if message.delivered_at:
        out.append((str(MessageState.DELIVERED.label),
                    norwegian_date(timezone.localdate(message.delivered_at))))
    if message.read_at:
        out.append((str(MessageState.READ.label),
                    norwegian_date(timezone.localdate(message.read_at))))
    return out
