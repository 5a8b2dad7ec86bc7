"""Events: the measurement points of a pathway, and their normalisation.

Callers pass ``Event`` objects or plain dicts in any order. ``normalise_events``
parses them, reports what cannot be read, and returns the readable ones sorted by
date (stable, so same-day events keep their input order) with the caller's index.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, NamedTuple

from . import vocabulary as v
from .dates import parse_date
from .errors import ValidationError

_KNOWN_EVENTS = frozenset(v.EVENT_KEYS)
_CORE_FIELDS = ("event", "date", "outcome", "postponed_from", "postponed_to")
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Event:
    """One registered event. ``attributes`` holds free fields such as
    ``together_with_patient``, ``standardised_tool``, ``user_involved``,
    ``first_trust_start`` and ``first_trust_name``."""

    event: str
    date: date
    outcome: str | None = None
    postponed_from: date | None = None
    postponed_to: date | None = None
    attributes: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)


class Entry(NamedTuple):
    """An event with its index in the caller's list (for error reporting)."""

    index: int
    event: Event


def normalise_events(raw: Iterable[Event | Mapping]) -> tuple[list[Entry], list[ValidationError]]:
    """Readable events sorted by date, and an error for each unreadable one."""
    entries: list[Entry] = []
    errors: list[ValidationError] = []
    for index, item in enumerate(raw):
        event = item if isinstance(item, Event) else _from_mapping(index, item, errors)
        if event is None:
            continue
        if event.event not in _KNOWN_EVENTS:
            errors.append(ValidationError(
                "unknown_event",
                f"unknown event {event.event!r}; use one of: {', '.join(v.EVENT_KEYS)}",
                index, "event", {"event": event.event},
            ))
            continue
        if not isinstance(event.date, date):
            # An Event built by hand with a string date: parse it like a dict's.
            parsed = _date_field(index, "date", event.date, errors)
            if parsed is None:
                continue
            event = Event(event.event, parsed, event.outcome, event.postponed_from,
                          event.postponed_to, event.attributes)
        entries.append(Entry(index, event))
    entries.sort(key=lambda entry: entry.event.date)
    return entries, errors


def _from_mapping(index: int, item: object, errors: list[ValidationError]) -> Event | None:
    if not isinstance(item, Mapping) or not isinstance(item.get("event"), str):
        errors.append(ValidationError(
            "invalid_event",
            "each event must be an object with a text 'event' key, e.g. "
            '{"event": "first_attendance", "date": "2024-03-11"}',
            index, "event",
        ))
        return None
    before = len(errors)
    day = _date_field(index, "date", item.get("date"), errors)
    postponed = [
        _date_field(index, key, item[key], errors) if item.get(key) is not None else None
        for key in ("postponed_from", "postponed_to")
    ]
    if len(errors) > before:
        return None  # one unreadable date makes the whole event unusable
    extra = {k: val for k, val in item.items() if k not in _CORE_FIELDS}
    return Event(
        event=item["event"],
        date=day,
        outcome=item.get("outcome"),
        postponed_from=postponed[0],
        postponed_to=postponed[1],
        attributes=MappingProxyType(extra) if extra else _EMPTY,
    )


def _date_field(index: int, key: str, value: object, errors: list[ValidationError]) -> date | None:
    parsed = parse_date(value)
    if parsed is None:
        shown = "missing" if value is None else f"{value!r} is not a date"
        errors.append(ValidationError(
            "invalid_date", f"{key}: {shown}; give it as YYYY-MM-DD, e.g. 2024-03-01", index, key,
            {"field": key, "value": value},
        ))
    return parsed
