"""Two people at once: a registration made from a page that no longer shows the
pathway's newest event is refused, not applied on top of what it did not see."""

from __future__ import annotations

import datetime as dt


class StaleRegistration(Exception):
    """Someone registered on the pathway after the page was loaded; nothing was saved.
    ``by`` and ``at`` say who and when (the newest event's registration)."""

    def __init__(self, *, by, at: dt.datetime):
        self.by, self.at = by, at
        super().__init__(f"pathway changed by {by} at {at.isoformat()}")


def refuse_if_stale(pathway, expected_last_event: int | None) -> None:
    """Raise ``StaleRegistration`` unless the pathway's newest event row is the one
    the caller saw (``0``: the caller saw none). ``None`` skips the check.

    Call it while holding the pathway's row lock, so no registration slips in between.
    """
    if expected_last_event is None:
        return
    newest = (pathway.events.select_related("registered_by").order_by("-pk").first())
    if (newest.pk if newest else 0) != expected_last_event:
        raise StaleRegistration(by=newest.registered_by, at=newest.registered_at)
