"""How a recorded message leaves Forløp.

Between the levels of care, messages travel as dialogue messages over Norsk helsenett
(a message-exchange service with the recipient looked up in the address register).
That network cannot be reached from here, so the one implementation is an **outbox**:
each message is written as a JSON file (and its document beside it) in a folder a
real sender can pick up. A real transport implements ``Transport`` and is named in
``settings.FORLOP_MESSAGE_TRANSPORT`` (docs/messaging.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class Transport(Protocol):
    def deliver(self, message) -> str:
        """Hand ``message`` on; return where it went (kept as ``transport_ref``).
        Raise to leave it in state *sent* (a later ``forlop messages resend`` retries)."""


def _ref(obj) -> dict | None:
    if obj is None:
        return None
    out = {"id": obj.pk, "name": str(obj)}
    for field in ("resh_id", "org_number", "number"):
        if getattr(obj, field, None):
            out[field] = getattr(obj, field)
    return out


def envelope(message) -> dict:
    """What the outbox writes: the message as data, for a sender to map to its format."""
    return {
        "id": message.pk,
        "kind": message.kind,
        "subject": message.subject,
        "body": message.body,
        "sent_at": message.sent_at.isoformat() if message.sent_at else None,
        "from": {"user": _ref(message.sender), "unit": _ref(message.sender_unit),
                 "municipality": _ref(message.sender_municipality)},
        "to": {"user": _ref(message.to_user), "unit": _ref(message.to_unit),
               "municipality": _ref(message.to_municipality),
               "gp_office": _ref(message.to_gp_office)},
        "patient": ({"identifier": message.patient.identifier,
                     "identifier_kind": message.patient.identifier_kind,
                     "name": message.patient.name} if message.patient_id else None),
        "pathway": message.pathway_id,
        "document": message.document_name or None,
        "document_type": message.document_type or None,
    }


class OutboxTransport:
    """Writes ``<outbox>/<id>-<kind>.json`` and the document beside it."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder or settings.FORLOP_OUTBOX_DIR)

    def deliver(self, message) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        stem = f"{message.pk}-{message.kind}"
        if message.document:
            suffix = Path(message.document_name).suffix or ".bin"
            (self.folder / f"{stem}{suffix}").write_bytes(bytes(message.document))
        path = self.folder / f"{stem}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(envelope(message), ensure_ascii=False, indent=2),
                       encoding="utf-8")
        tmp.replace(path)  # a reader never sees half a file
        return str(path)


def configured() -> Transport:
    return import_string(settings.FORLOP_MESSAGE_TRANSPORT)()
