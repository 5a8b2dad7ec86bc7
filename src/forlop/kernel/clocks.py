"""Clocks: each window judged against its limit.

Status rules (``today`` is replaced by the end date once the pathway is closed,
because clocks stop running at pathway_end):
  met       done on or before due (or done, when there is no limit)
  breached  done after due, or not done and the reference day is after due
  open      not done, pathway open, reference day on or before due (or no limit)
  closed    not done when the pathway ended, and not yet overdue at the end
"""

from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from . import vocabulary as v
from .care_setting import SettingPeriods
from .catalog import RuleSet
from .dates import iso
from .local_norms import LocalNorms
from .spec import PathwaySpec
from .windows import Window
from .workdays import add_working_days


class Clock(NamedTuple):
    """One judged clock. A NamedTuple: immutable and cheap to build in bulk."""

    clock: str
    n: int | None
    start: date
    due: date | None
    done: date | None
    status: str
    days: int | None
    unit: str
    basis: str  # national | secondary | local_norm | none
    confirmed: bool
    patient_caused: bool
    ruleset: str
    source: str | None
    assumed_severity: str | None = None
    # The setting whose limit gives ``due``, and the setting change it is counted
    # from when a change brought it forward (None: counted from ``start``). ADR 12.
    setting: str | None = None
    counted_from: date | None = None

    @property
    def no_limit(self) -> bool:
        return self.due is None

    def to_dict(self) -> dict:
        return {
            "clock": self.clock,
            "n": self.n,
            "from": self.start.isoformat(),
            "due": iso(self.due),
            "done": iso(self.done),
            "status": self.status,
            "days": self.days,
            "unit": self.unit,
            "basis": self.basis,
            "confirmed": self.confirmed,
            "no_limit": self.no_limit,
            "patient_caused": self.patient_caused,
            "assumed_severity": self.assumed_severity,
            "setting": self.setting,
            "counted_from": iso(self.counted_from),
            "rule": {"ruleset": self.ruleset, "source": self.source},
        }


class Rule(NamedTuple):
    """The limit that applies to one clock, wherever it came from."""

    days: int | None
    unit: str
    basis: str
    confirmed: bool
    source: str | None
    assumed_severity: str | None = None


# Rule sets and norm sets compare by identity, so this caches per loaded catalog.
@lru_cache(maxsize=4096)
def resolve_rule(ruleset: RuleSet, spec: PathwaySpec, clock: str, norms: LocalNorms) -> Rule:
    """National/secondary limit first, then a local norm, else no limit.

    With no severity where the limit depends on it, the strictest limit is used and
    flagged (``assumed_severity``); evaluate also reports ``severity_required``.
    """
    limit = ruleset.limit(spec.type, clock, spec.setting, spec.severity)
    assumed = None
    if limit is None and spec.severity is None:
        limit = ruleset.strictest_limit(spec.type, clock, spec.setting)
        assumed = limit.severity if limit else None
    if limit is not None:
        return Rule(limit.days, limit.unit, limit.basis, limit.confirmed, limit.source, assumed)
    norm = norms.lookup(spec.type, clock, spec.setting, spec.severity)
    if norm is not None:
        return Rule(norm.days, norm.unit, "local_norm", False, norm.source)
    return Rule(None, v.CLOCKS[clock], "none", False, None)


class Limited(NamedTuple):
    """A window's rule, the setting it belongs to and the day it is counted from."""

    rule: Rule
    setting: str
    counted_from: date | None = None


def rule_across_settings(ruleset: RuleSet, spec: PathwaySpec, window: Window,
                         periods: SettingPeriods, norms: LocalNorms) -> Limited:
    """The limit of the setting in force on the window's start; a change while the
    window runs brings the due date forward when the new setting's limit, counted
    from the change, ends earlier. Never later (ADR 12)."""
    if not periods.changes:  # the common case: one setting all along
        return Limited(resolve_rule(ruleset, spec, window.clock, norms), spec.setting)
    setting = periods.on(window.start)
    best = Limited(resolve_rule(ruleset, spec.with_setting(setting), window.clock, norms),
                   setting)
    due = _due(window.start, best.rule)
    for change in periods.after(window.start):
        if window.done is not None and change.on >= window.done:
            break  # the clock had stopped
        rule = resolve_rule(ruleset, spec.with_setting(change.setting), window.clock, norms)
        candidate = _due(change.on, rule)
        if candidate is not None and (due is None or candidate < due):
            best, due = Limited(rule, change.setting, change.on), candidate
    return best


def judge(window: Window, rule: Rule, today: date, end: date | None, delays: list[date],
          ruleset_id: str, setting: str | None = None,
          counted_from: date | None = None) -> Clock | None:
    """The clock for this window; None for a trailing evaluation interval that closed.
    ``counted_from``: the setting change the due date is counted from, if any."""
    due = _due(counted_from or window.start, rule)
    ended = end is not None and end <= today  # a future-dated end is an error, not an end
    reference = end if ended else today
    status = _status(window.done, due, reference, ended)
    if status == "closed" and window.trailing:
        return None  # no next evaluation is expected once the pathway has ended
    caused = False
    if status == "breached":
        last = window.done or reference
        caused = any(window.start <= day <= last for day in delays)
    return Clock(window.clock, window.n, window.start, due, window.done, status, rule.days,
                 rule.unit, rule.basis, rule.confirmed, caused, ruleset_id, rule.source,
                 rule.assumed_severity, setting, counted_from)


def _due(start: date, rule: Rule) -> date | None:
    if rule.days is None:
        return None
    try:
        if rule.unit == "working_days":
            return add_working_days(start, rule.days)
        return start + timedelta(days=rule.days)
    except OverflowError:
        return date.max  # a deadline past the calendar's end can never be breached


def _status(done: date | None, due: date | None, reference: date, ended: bool) -> str:
    if done is not None:
        return "met" if due is None or done <= due else "breached"
    if due is not None and reference > due:
        return "breached"
    return "closed" if ended else "open"
