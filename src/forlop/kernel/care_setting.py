"""Change of setting (*omsorgsnivå*) within one pathway: outpatient and inpatient.

``PathwaySpec.setting`` is the setting the pathway started in. A ``setting_change``
event (attribute ``setting``: the new one) puts another setting in force from its
date, that day included. It is no national measurement point: the rule sets have
no code for it and it is never reported to NPR (ADR 12).

Which limit a clock gets (ADR 12): the one of the setting in force on the clock's
start date. A change while the clock runs, to a setting whose own limit counted
from the change ends earlier, brings the due date forward to that day; a change
never moves a due date later (no deadline is relaxed, no breach hidden).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from . import vocabulary as v
from .errors import ValidationError
from .events import Entry

EVENT = "setting_change"


class Change(NamedTuple):
    on: date
    setting: str


class SettingPeriods(NamedTuple):
    """The setting at the start and the changes after it, in date order."""

    start: str
    changes: tuple[Change, ...] = ()

    def on(self, day: date) -> str:
        """The setting in force on ``day`` (a change counts from its own date)."""
        found = self.start
        for change in self.changes:
            if change.on > day:
                break
            found = change.setting
        return found

    def after(self, day: date) -> tuple[Change, ...]:
        """Changes dated strictly after ``day``."""
        return tuple(c for c in self.changes if c.on > day)

    @property
    def current(self) -> str:
        return self.changes[-1].setting if self.changes else self.start


def new_setting(attributes) -> str | None:
    """The setting a ``setting_change`` names, when it is a known one."""
    value = attributes.get("setting")
    return value if isinstance(value, str) and value in v.SETTINGS else None


def setting_errors(entries: list[Entry], start_setting: str, start: date | None) -> list:
    """Each setting_change must name a known setting other than the one in force, and
    be dated on or after the pathway's start (which must exist)."""
    errors: list[ValidationError] = []
    in_force = start_setting if start_setting in v.SETTINGS else None
    for index, event in entries:
        if event.event != EVENT:
            continue
        setting = new_setting(event.attributes)
        if setting is None:
            errors.append(ValidationError(
                "setting_change_invalid",
                f"setting_change needs setting: one of {', '.join(v.SETTINGS)} "
                f"(got {event.attributes.get('setting')!r})",
                index, "setting", {"value": event.attributes.get("setting")},
            ))
            continue
        if start is None or event.date < start:
            since = f"the pathway started on {start.isoformat()}" if start else \
                "the pathway has not started"
            errors.append(ValidationError(
                "setting_change_before_start",
                f"setting_change on {event.date.isoformat()} is before the start ({since}); "
                "the setting at the start is the pathway's own setting: change that instead",
                index, "date", {"date": event.date, "start": start},
            ))
        elif in_force is not None and setting == in_force:
            errors.append(ValidationError(
                "setting_change_not_a_change",
                f"setting_change on {event.date.isoformat()} names {setting!r}, the setting "
                "already in force then; register a change only when the setting changes",
                index, "setting", {"date": event.date, "value": setting},
            ))
        in_force = setting
    return errors
