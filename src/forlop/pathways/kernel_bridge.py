"""The one place Django rows become kernel input. The kernel decides; we store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import attrgetter

from forlop.kernel.evaluation import evaluate
from forlop.kernel.local_norms import LocalNorms


class PathwayRuleError(Exception):
    """The kernel refused a change; nothing was saved. ``errors`` are kernel errors
    (``code``, ``message``, ``field``, ``event_index``)."""

    def __init__(self, errors: Sequence):
        self.errors = list(errors)
        super().__init__("; ".join(e.message for e in self.errors))


def event_dict(event: str, on: dt.date, outcome: str = "", data: dict | None = None) -> dict:
    return {**(data or {}), "event": event, "date": on, "outcome": outcome or None}


def stored_data(event: dict) -> dict:
    """An event's extra attributes as stored in ``PathwayEvent.data`` (dates as ISO)."""
    return {
        k: v.isoformat() if isinstance(v, dt.date) else v
        for k, v in event.items()
        if k not in {"event", "date", "outcome"}
    }


def superseded_or_retracted(corrections: Iterable[tuple]) -> set:
    """The one statement of which stored events count. Given the corrections as
    ``(id, supersedes id, is_retraction)``, the ids of the rows that no longer count:
    each row a correction supersedes, and each retraction itself. Every other row
    counts, in registration (id) order (``effective_rows``).

    Only corrections can take a row out (a retraction always supersedes one: the
    constraint ``event_retraction_supersedes``), so a caller with many rows passes
    just those whose ``supersedes`` is set, which is how the bulk export keeps its
    speed; any rows give the same answer. ``PathwayEvent.objects.effective()`` is this
    rule as SQL; a test holds every reading of it together
    (tests/pathways/test_effective_rule.py)."""
    gone = set()
    for pk, supersedes, is_retraction in corrections:
        if supersedes is not None:
            gone.add(supersedes)
        if is_retraction:
            gone.add(pk)
    return gone


def effective_rows(rows: Iterable) -> list:
    """The stored rows that count (``superseded_or_retracted``), in registration
    order: ORM ``PathwayEvent`` rows, or any rows with ``pk``, ``supersedes_id`` and
    ``is_retraction``."""
    rows = sorted(rows, key=attrgetter("pk"))
    gone = superseded_or_retracted((r.pk, r.supersedes_id, r.is_retraction) for r in rows
                                   if r.supersedes_id is not None)
    return [r for r in rows if r.pk not in gone]


def effective_events(rows: Iterable) -> list[dict]:
    """The rows that count (not superseded by a later correction, not retractions), in
    registration order, as kernel event dicts."""
    return [event_dict(r.event, r.on, r.outcome, r.data) for r in effective_rows(rows)]


def spec_of(pathway) -> dict:
    """The kernel's pathway spec: the setting at the start; the kernel follows the
    setting_change events from there (ADR 12)."""
    return {"type": pathway.type, "setting": pathway.setting_at_start,
            "severity": pathway.severity or None}


def local_norms_for(trust_id: int) -> LocalNorms:
    """The trust's local norms (where no national pathway time exists)."""
    from forlop.pathways.models import LocalNorm

    rows = LocalNorm.objects.filter(trust_id=trust_id).values(
        "pathway_type", "clock", "setting", "severity", "days")
    return LocalNorms.from_dicts(
        {"pathway": r["pathway_type"], "clock": r["clock"], "setting": r["setting"],
         "severity": r["severity"] or None, "days": r["days"],
         "source": "lokal norm (helseforetaket)"}
        for r in rows
    )


def judge(spec: dict, events: list[dict], today: dt.date, *, trust_id: int):
    """Evaluate with the trust's local norms; raise ``PathwayRuleError`` on any error."""
    result = evaluate(spec, events, today, local_norms=local_norms_for(trust_id))
    if result.errors:
        raise PathwayRuleError(result.errors)
    return result
