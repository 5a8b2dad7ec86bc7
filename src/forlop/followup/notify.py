"""Messages between levels go through ``forlop.messaging`` (the integrator's core:
recorded with their state, handed to the configured transport, the outbox by
default). The calling service has checked the sender before it gets here."""

from __future__ import annotations


def send(sender, *, kind: str, subject: str, body: str, **to):
    """Record and send one message; returns the ``Message``."""
    from forlop.messaging.services import send_message

    return send_message(sender, kind=kind, subject=subject, body=body, **to)
