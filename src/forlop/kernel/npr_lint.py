"""The NPR code lint: every pathway that would be reported wrong, and how to fix it.

Plain Python (no Django) so that ``forlop npr lint FILE`` and the database mode
(``forlop npr lint [--unit RESH] [--period P]``, the fix-list page, the worklist's
filter) share one set of rules. The checks are those of DESIGN.md §4 ("every
pathway with a start and type, at most two clinical decisions and a second only
after CU, dates in order, nothing after closure, no open pathway silent for
months"); docs/npr.md lists each code, ADR 0025 what is our reading.

The event rules themselves stay in the kernel's validation (``evaluate``): a kernel
error is mapped to its lint code (``KERNEL_CODES``), so the lint and a registration
can never disagree about what is wrong. The lint adds what registration does not
refuse: a missing ``pathway_start``, a type without a national code, an incomplete
first-trust start, and an open pathway with no event for ``SILENT_DAYS``.

Codes are stable: a code is never reused for another meaning. Messages and fixes
here are English (the CLI); the pages say the same in Norwegian by code.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .catalog import Catalog
from .catalog_loader import load_catalog
from .dates import parse_date
from .evaluation import evaluate
from .events import normalise_events

ERROR = "error"
WARNING = "warning"

# An open pathway with no event for this many calendar days is "silent" (DESIGN.md §4
# says "for months" without a number: 90 days is our reading, ADR 0025).
SILENT_DAYS = 90

# code -> (severity, what it means, how to fix it). The one table of lint codes.
CHECKS: dict[str, tuple[str, str, str]] = {
    "NPR001": (ERROR, "the pathway has no pathway_start event",
               "register the start (pathway_start) with the date the pathway started"),
    "NPR002": (ERROR, "the pathway type is missing or not one of the seven pathways",
               "set the pathway's type (voksne, barn_unge, tsb, psykose, spiseforstyrrelser, "
               "ocd or gravide)"),
    "NPR003": (WARNING, "the rule set has no national type code for this pathway type",
               "none in the pathway: the code is not published where we looked; it is "
               "exported without a type code until the catalog has it (docs/npr.md)"),
    "NPR004": (ERROR, "more than two clinical decisions",
               "retract the extra clinical decision, or correct the earlier one: a pathway "
               "has at most two (after basic and after extended assessment)"),
    "NPR005": (ERROR, "a second clinical decision without CU (extended assessment) first",
               "correct the first decision to CU if extended assessment was decided, or "
               "retract the second decision"),
    "NPR006": (ERROR, "dates out of order",
               "correct the date of the event named so that it follows the start (only "
               "referral events may precede pathway_start) and the referral's receipt"),
    "NPR007": (ERROR, "events after the pathway's end, or more than one end",
               "correct or retract the event after the end, or the extra pathway_end; "
               "a new episode needs a new pathway"),
    "NPR008": (ERROR, "an event is dated in the future",
               "correct the date: events are registered on or after the day they happen"),
    "NPR009": (WARNING, "an open pathway has had no event for a long time",
               "register what happened since (evaluation, decision) or close the pathway "
               "with its closure outcome"),
    "NPR010": (ERROR, "more than one pathway_start",
               "retract the extra pathway_start: a pathway has one start (a new trust "
               "starts its own pathway)"),
    "NPR011": (ERROR, "an event the kernel rejects (outcome, code or dates)",
               "correct the event as the message says"),
    "NPR012": (ERROR, "the first trust's start is incomplete or after this pathway's start",
               "give both the first trust's start date and its name, the date on or before "
               "this pathway's start"),
}

# Findings with nothing to correct in the pathway (a gap in our catalog, not in the
# data): the command lists them; the fix-list page and the worklist filter leave them out.
NOTHING_TO_FIX = frozenset({"NPR003"})

# Kernel validation codes -> lint code. Kernel codes not named here are NPR011.
KERNEL_CODES = {
    "unknown_pathway_type": "NPR002",
    "third_clinical_decision": "NPR004",
    "second_decision_without_cu": "NPR005",
    "before_pathway_start": "NPR006",
    "assessed_before_received": "NPR006",
    "setting_change_before_start": "NPR006",
    "event_after_end": "NPR007",
    "second_pathway_end": "NPR007",
    "future_date": "NPR008",
    "duplicate_pathway_start": "NPR010",
}
# Kernel errors that are no reporting problem: setting changes are never reported (ADR 12)
# and a start is found by NPR001 (no_start_event would repeat it).
_IGNORED_KERNEL_CODES = frozenset({"no_start_event"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason a pathway would be reported wrong."""

    code: str
    pathway: str
    unit: str
    message: str
    event_index: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def severity(self) -> str:
        return CHECKS[self.code][0]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def fix(self) -> str:
        return CHECKS[self.code][2]

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "pathway": self.pathway,
                "unit": self.unit, "message": self.message, "fix": self.fix,
                "event_index": self.event_index}

    def line(self) -> str:
        return (f"{self.code} {self.severity} pathway {self.pathway} (unit {self.unit}): "
                f"{self.message}. Fix: {self.fix}")


# Periods: a month "2024-10" or a tertial "2024-T1" (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec).

_PERIOD = re.compile(r"^(\d{4})-(?:(0[1-9]|1[0-2])|T([123]))$")


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """``2024-10`` (a month) or ``2024-T1`` (a tertial); ValueError otherwise."""
    match = _PERIOD.match(text or "")
    if not match:
        raise ValueError(f"period {text!r}: give a month (2024-10) or a tertial (2024-T1)")
    year = int(match[1])
    if match[2]:
        first = last = int(match[2])
    else:
        first = 1 + 4 * (int(match[3]) - 1)
        last = first + 3
    return Period(text, date(year, first, 1),
                  date(year, last, calendar.monthrange(year, last)[1]))


@dataclass(frozen=True)
class Record:
    """One pathway as the lint reads it: the ``forlop evaluate`` input plus id and unit
    (and, for the NPR export, an optional patient reference: never a person number)."""

    id: str
    unit: str
    pathway: Mapping
    events: list
    patient: str = ""

    @classmethod
    def from_dict(cls, data: Mapping) -> Record:
        return cls(str(data.get("id", "")), str(data.get("unit", "")),
                   data.get("pathway") or {}, list(data.get("events") or ()),
                   str(data.get("patient") or ""))


def lint_pathway(record: Record, today: date, *, period: Period | None = None,
                 catalog: Catalog | None = None) -> list[Finding]:
    """Every finding for one pathway, in code order then event order."""
    catalog = catalog or load_catalog()
    result = evaluate(record.pathway, record.events, today, catalog=catalog)
    found: list[Finding] = []

    def add(code: str, message: str, index: int | None = None, **params) -> None:
        found.append(Finding(code, record.id, record.unit, message, index, params))

    for error in result.errors:
        if error.code in _IGNORED_KERNEL_CODES:
            continue
        add(KERNEL_CODES.get(error.code, "NPR011"), error.message, error.event_index,
            kernel_code=error.code, **error.params)
    entries, _unreadable = normalise_events(record.events)
    starts = [e for e in entries if e.event.event == "pathway_start"]
    if not starts:
        add("NPR001", "no pathway_start is registered; NPR counts a pathway from its start")
    pathway_type = record.pathway.get("type") if isinstance(record.pathway, Mapping) else None
    if (isinstance(pathway_type, str) and result.ruleset_id is not None
            and pathway_type in catalog.pathway_keys):
        definition = catalog.ruleset(result.ruleset_id).pathways.get(pathway_type)
        if definition is None or not definition.type_code:
            add("NPR003", f"rule set {result.ruleset_id} has no national type code for "
                f"{pathway_type!r}", ruleset=result.ruleset_id, type=pathway_type)
    if starts:
        found.extend(_first_trust(record, starts[0]))
    ends = [e for e in entries if e.event.event == "pathway_end"]
    reference = min(today, period.end) if period else today
    if not ends and entries:
        last = max(e.event.date for e in entries)
        if last <= reference and (reference - last).days > SILENT_DAYS:
            add("NPR009", f"open, and no event since {last.isoformat()} "
                f"({(reference - last).days} days; more than {SILENT_DAYS})",
                last=last, days=(reference - last).days)
    return sorted(_unique(found), key=lambda f: (f.code, f.event_index or -1))


def _first_trust(record: Record, start) -> list[Finding]:
    attributes = start.event.attributes
    first_start = attributes.get("first_trust_start")
    name = attributes.get("first_trust_name")
    if first_start in (None, "") and name in (None, ""):
        return []
    parsed = parse_date(first_start) if first_start not in (None, "") else None
    if parsed is None or not name:
        missing = "the first trust's name" if parsed else "a readable first-trust start date"
        return [Finding("NPR012", record.id, record.unit,
                        f"pathway_start names a first trust without {missing}",
                        start.index, {})]
    if parsed > start.event.date:
        return [Finding("NPR012", record.id, record.unit,
                        f"the first trust's start {parsed.isoformat()} is after this "
                        f"pathway's start {start.event.date.isoformat()}", start.index,
                        {"first_trust_start": parsed, "start": start.event.date})]
    return []


def _unique(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for finding in findings:
        key = (finding.code, finding.event_index, finding.message)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out


def in_period(record: Record, period: Period) -> bool:
    """The pathway was under way in the period: started (or first dated) on or before
    its end, and not ended before its start. A pathway with no readable date is kept:
    it is broken whatever the period."""
    entries, _errors = normalise_events(record.events)
    if not entries:
        return True
    start = next((e.event.date for e in entries if e.event.event == "pathway_start"),
                 entries[0].event.date)
    end = next((e.event.date for e in entries if e.event.event == "pathway_end"), None)
    return start <= period.end and (end is None or end >= period.start)


def lint(records: Iterable[Record], today: date, *, period: Period | None = None,
         unit: str | None = None, catalog: Catalog | None = None) -> list[Finding]:
    """Findings for every record of ``unit`` (all when None) under way in ``period``."""
    catalog = catalog or load_catalog()
    out: list[Finding] = []
    for record in records:
        if unit is not None and record.unit != unit:
            continue
        if period is not None and not in_period(record, period):
            continue
        out.extend(lint_pathway(record, today, period=period, catalog=catalog))
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)

