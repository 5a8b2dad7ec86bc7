"""The pathway's registered events as the page shows them: corrected entries stay
visible, struck through, with who corrected them, when and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from forlop.pathways.presenters.labels import event_with_outcome
from forlop.site.dates import norwegian_date


@dataclass(frozen=True)
class EventRow:
    pk: int
    date_text: str
    label: str
    registered_by: str
    struck: bool  # superseded by a correction or withdrawn
    note: str  # who corrected or withdrew it, when and why; or "correction of …"
    correctable: bool  # current, and the viewer may correct it

    @property
    def what(self) -> str:
        """What a per-row button acts on: "Første oppmøte 3.11.2026"."""
        return f"{self.label} {self.date_text}"


def event_rows(rows, *, may_correct) -> list[EventRow]:
    """``rows``: stored events (``pk``, ``event``, ``on``, ``outcome``, ``supersedes_id``,
    ``is_retraction``, ``reason``, ``registered_by``, ``registered_at``) in any order;
    ``may_correct(event_key)`` says whether the viewer may correct such an event.
    Shown by date, then registration order; a retraction is a note on the row it
    withdraws, not a row of its own."""
    rows = sorted(rows, key=lambda r: r.pk)
    by_pk = {r.pk: r for r in rows}
    successor = {r.supersedes_id: r for r in rows if r.supersedes_id}
    shown = []
    for r in rows:
        if r.is_retraction:
            continue
        later = successor.get(r.pk)
        if later is not None:
            verb = _("Trukket tilbake") if later.is_retraction else _("Korrigert")
            note = _("%(verb)s av %(who)s %(when)s: %(why)s") % {
                "verb": verb, "who": later.registered_by, "when": _moment(later.registered_at),
                "why": later.reason}
        elif r.supersedes_id in by_pk:
            note = _("Korrigering: %(why)s") % {"why": r.reason}
        else:
            note = ""
        shown.append(EventRow(
            pk=r.pk, date_text=norwegian_date(r.on), label=event_with_outcome(r.event, r.outcome),
            registered_by=str(r.registered_by), struck=later is not None, note=note,
            correctable=later is None and may_correct(r.event)))
    order = {r.pk: (r.on, r.pk) for r in rows}
    return sorted(shown, key=lambda row: order[row.pk])


def _moment(when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = timezone.localtime(when) if timezone.is_aware(when) else when
    return _("%(date)s kl. %(time)s") % {"date": norwegian_date(local.date()),
                                         "time": f"{local.hour:02d}.{local.minute:02d}"}


def masked_identifier(identifier: str) -> str:
    """Only the last three digits, so namesakes can be told apart: ••••••••345."""
    return "•" * max(len(identifier) - 3, 0) + identifier[-3:]


def stale_text(stale) -> str:
    """"Forløpet ble endret av X kl. 10.42 – se oppdatert side og prøv igjen."."""
    local = timezone.localtime(stale.at) if timezone.is_aware(stale.at) else stale.at
    return _("Forløpet ble endret av %(who)s kl. %(time)s – se oppdatert side og prøv "
             "igjen.") % {"who": stale.by, "time": f"{local.hour:02d}.{local.minute:02d}"}
