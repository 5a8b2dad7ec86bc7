"""Strict reading of ``forlop evaluate`` input; every problem names its JSON path.

Unreadable input (exit 2) is kept apart from domain errors (exit 1): here only the
shape is checked, so that values such as an unknown pathway type still reach
``evaluate`` and come back as validation errors.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import IO

from .dates import parse_date
from .local_norms import LocalNorm, LocalNorms, norm_problem


class InputError(ValueError):
    """The input cannot be evaluated; the message says what and where."""


@dataclass(frozen=True)
class Request:
    pathway: dict
    events: list[dict]
    today: date
    local_norms: LocalNorms | None


def read_source(name: str, stdin: IO[str]) -> object:
    """Parsed JSON from the file ``name`` or from stdin when ``name`` is '-'."""
    label = "stdin" if name == "-" else name
    try:
        text = stdin.read() if name == "-" else open(name, encoding="utf-8").read()  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{label}: cannot read file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not UTF-8 text: {exc}") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{label}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc


def parse_request(data: object) -> Request:
    """Check the shape of an evaluate request; raise InputError on the first problem."""
    if not isinstance(data, Mapping):
        raise InputError("input: expected a JSON object with keys pathway, events and today")
    pathway = _required(data, "pathway", Mapping, "an object with type, setting, severity")
    for key in ("type", "setting"):
        if key not in pathway:
            raise InputError(f"pathway.{key}: missing")
    events = _required(data, "events", list, "a list of event objects")
    for i, event in enumerate(events):
        where = f"events[{i}]"
        if not isinstance(event, Mapping):
            raise InputError(f"{where}: expected an object with event and date")
        if not isinstance(event.get("event"), str):
            raise InputError(f"{where}.event: missing (the event key, e.g. 'first_attendance')")
        _date(event, "date", where, required=True)
        _date(event, "postponed_from", where, required=False)
        _date(event, "postponed_to", where, required=False)
    today = _date(data, "today", None, required=True)
    norms = _local_norms(data.get("local_norms"))
    return Request(dict(pathway), [dict(e) for e in events], today, norms)


def _required(data: Mapping, key: str, kind: type, expected: str):
    if key not in data:
        raise InputError(f"{key}: missing ({expected})")
    if not isinstance(data[key], kind):
        raise InputError(f"{key}: expected {expected}")
    return data[key]


def _date(data: Mapping, key: str, where: str | None, *, required: bool) -> date | None:
    path = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        if required:
            raise InputError(f"{path}: missing (a date, YYYY-MM-DD)")
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise InputError(f"{path}: {value!r} is not a date (YYYY-MM-DD)")
    return parsed


def _local_norms(raw: object) -> LocalNorms | None:
    if raw is None:
        return None
    if not isinstance(raw, list):
        raise InputError("local_norms: expected a list of objects")
    norms = []
    for i, item in enumerate(raw):
        where = f"local_norms[{i}]"
        if not isinstance(item, Mapping):
            raise InputError(f"{where}: expected an object with pathway, clock, setting, days")
        missing = [k for k in ("pathway", "clock", "setting", "days") if k not in item]
        if missing:
            raise InputError(f"{where}.{missing[0]}: missing")
        norm = LocalNorm(item["pathway"], item["clock"], item["setting"], item["days"],
                         item.get("severity"), item.get("source") or "local norm")
        problem = norm_problem(norm)
        if problem:
            raise InputError(f"{where}: {problem.removeprefix('local norm: ')}")
        norms.append(norm)
    return LocalNorms(norms)


@dataclass(frozen=True)
class Line:
    """One pathway of ``forlop indicators compute`` input."""

    id: str
    unit: str
    request: Request


def read_lines(name: str, stdin: IO[str]) -> list[tuple[int, Line]]:
    """JSON lines from the file ``name`` (or stdin for '-'): ``{"id", "unit", "pathway",
    "events"}`` per line, blank lines skipped. InputError names the line."""
    label = "stdin" if name == "-" else name
    try:
        text = stdin.read() if name == "-" else open(name, encoding="utf-8").read()  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{label}: cannot read file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{label}: not UTF-8 text: {exc}") from exc
    found, seen = [], {}
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{label} line {number}: invalid JSON at column {exc.colno}: "
                             f"{exc.msg}") from exc
        found.append((number, _line(data, number, label, seen)))
    return found


def _line(data: object, number: int, label: str, seen: dict) -> Line:
    where = f"{label} line {number}"
    if not isinstance(data, Mapping):
        raise InputError(f"{where}: expected an object with id, unit, pathway and events")
    for key in ("id", "unit"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise InputError(f"{where}: {key}: missing (a text)")
    if data["id"] in seen:
        raise InputError(f"{where}: id {data['id']!r} repeats line {seen[data['id']]}")
    seen[data["id"]] = number
    try:
        # The shape of an evaluate request; its day comes from --today, not the line.
        request = parse_request({**data, "today": "2000-01-01"})
    except InputError as exc:
        raise InputError(f"{where} (id {data['id']}): {exc}") from exc
    return Line(data["id"], data["unit"], request)
